"""Media storage that files every upload under the site's stable key.

Stored names look like ``sites/<key>/original_images/photo.jpg``: the key is
in the name kept in the database, so a file's URL is the same whichever schema
is active (syndication shows a child's images on the parent's pages) and a
site's files stay together when its domain or schema changes.
"""

from storages.backends.s3 import S3Storage

from django.core.files.storage import FileSystemStorage, Storage

from core.private_images import is_private_name, private_url
from tenants.registry import current_site_key


class SiteKeyedStorageMixin(Storage):
    def generate_filename(self, filename):
        filename = super().generate_filename(filename)
        prefix = f"sites/{current_site_key()}/"
        return filename if filename.startswith(prefix) else prefix + filename

    def url(self, name, *args, **kwargs):
        """A private image's file (``core.private_images``) is linked to the view that
        checks who asks, never to its place in the storage."""
        if name and is_private_name(name):
            return private_url(name)
        return super().url(name, *args, **kwargs)


class SiteFileSystemStorage(SiteKeyedStorageMixin, FileSystemStorage):
    pass


class SiteS3Storage(SiteKeyedStorageMixin, S3Storage):
    pass
