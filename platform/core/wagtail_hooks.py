"""Wagtail hooks of every site."""

from wagtail import hooks

from core.private_files import check_page_restrictions

hooks.register("before_serve_document", check_page_restrictions)
