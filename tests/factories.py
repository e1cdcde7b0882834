"""What the apps' factories (``tests/<app>/factories.py``) share: pages published as an
editor publishes them, and images in a site's library.

Like every model of a site, they are made in the active schema: call them inside
``in_site(site)`` (tests/conftest.py).
"""

import factory
import wagtail_factories

from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.home.factories import home_page


class PageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` (by default the site's Vietnamese home page), then
    published through a revision, as the editor's "Publish" does (its signals: search
    index, page cache, syndication).

    The page returned is the instance ``add_child`` saved: live, without the revision
    fields the publication wrote (read it again for those). ``publish=False`` stops
    after ``add_child``: a live page without revision.
    """

    class Meta:
        abstract = True
        # Saving again after publish() would write the instance's stale revision fields.
        skip_postgeneration_save = True

    parent = factory.LazyFunction(home_page)

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create and extracted is not False:
            page.save_revision().publish()


class ImageFactory(wagtail_factories.ImageFactory):
    """A 960×540 PNG in the root collection of the active site's image library."""

    class Meta:
        model = get_image_model()

    title = "Ảnh hội nghị"
    # wagtail-factories would add a second root collection.
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(
        width=960, height=540, color="#2b6cb0", format="PNG", filename="hoi-nghi.png"
    )
