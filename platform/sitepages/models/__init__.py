"""Page types of a site's general sections: contacts, content pages, administrative
procedures and the directory of component sites. One page type per module."""

from .contact import ContactPage
from .content import ContentPage
from .directory import SiteDirectoryPage
from .procedures import Procedure, ProcedureLevel, ProceduresPage

__all__ = [
    "ContactPage",
    "ContentPage",
    "Procedure",
    "ProcedureLevel",
    "ProceduresPage",
    "SiteDirectoryPage",
]
