from operations.notice import active_notice


def province_notice(request):
    """``province_notice``: the notice every site shows (None on the console)."""
    if getattr(getattr(request, "tenant", None), "schema_name", "public") == "public":
        return {"province_notice": None}
    return {"province_notice": active_notice()}
