"""The demo province: its data (YAML files here) and the code that builds it into sites.

``sites.yaml`` lists the sites, ``content.yaml`` their news and documents, and
``sections/<slug>.yaml`` each site's branding, sections and home page. Every name,
figure and document number in them is fictional.
"""
