"""Address ranges (CIDR): the console's (``CONSOLE_ALLOWED_NETWORKS``) and a site's
internal networks for its restricted pages (``accounts.models.NetworkAccess``)."""

import ipaddress
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(lines: Iterable[str]) -> list[Network]:
    """The networks of ``lines`` (one CIDR each; blank lines and ``#`` comments skipped).
    Raises ``ValidationError`` naming the first line that is not a network."""
    networks = []
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            networks.append(ipaddress.ip_network(text, strict=False))
        except ValueError:
            raise ValidationError(
                _("“%(value)s” không phải là dải địa chỉ hợp lệ (ví dụ 10.10.0.0/16)."),
                params={"value": text},
            ) from None
    return networks


def address_in(address: str | None, networks: Iterable[Network]) -> bool:
    """Whether ``address`` (a client's address; may be missing or malformed) is in one
    of ``networks``. An IPv4 address mapped into IPv6 counts as the IPv4 address."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip.version == net.version and ip in net for net in networks)


def request_in(request, networks: Iterable[Network]) -> bool:
    """Whether the request's client (``accounts.lockout.client_ip``: behind
    ``TRUSTED_PROXY_COUNT`` proxies) is in one of ``networks``."""
    from accounts.lockout import client_ip

    return address_in(client_ip(request), networks)


def site_networks(request) -> list[Network] | None:
    """The active site's internal networks if its restricted pages are limited to them
    (Settings → Mạng nội bộ), else None.

    Read on every page a visitor opens, so remembered until the site next changes
    (``core.page_cache.remember``; saving the setting purges the site's page cache):
    no query for a site that has not switched the rule on."""
    from accounts.models import NetworkAccess
    from core.page_cache import remember

    def load():
        setting = NetworkAccess.load(request_or_site=request)
        return setting.networks() if setting.restricted_pages_internal_only else None

    return remember("internal-networks", load)


def refuse_outside_network(request):
    """The 403 notice for a request from outside the site's internal networks to a
    restricted page or file, or None when it may go on."""
    networks = site_networks(request)
    if networks is None or request_in(request, networks):
        return None
    return network_refused(request)


def network_refused(request, console: bool = False):
    from django.shortcuts import render

    response = render(request, "accounts/network_refused.html", {"console": console}, status=403)
    response["Cache-Control"] = "private, no-store"
    return response
