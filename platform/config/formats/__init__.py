"""Date formats of the admin and the console, whatever the language: dd/mm/yyyy
entered and shown (FORMAT_MODULE_PATH; the rest comes from Django's locale)."""
