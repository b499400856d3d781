import pytest


def _pipeline_ready() -> bool:
    # TEMPORARY until the reader and analyser land on main; removed after the merge.
    import duban

    try:
        duban.analyze(duban.read("10月19日，区委书记到天桥街道调研。他要求，要加快项目建设进度。"))
    except NotImplementedError:
        return False
    except Exception:
        return True
    return True


needs_pipeline = pytest.mark.skipif(not _pipeline_ready(), reason="reader/analyser not merged yet")


def _whole_app_ready() -> bool:
    # TEMPORARY until web and api land on main; removed after the merge.
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("ledger")
        reverse("item", kwargs={"pk": 1})
    except NoReverseMatch:
        return False
    return True


needs_whole_app = pytest.mark.skipif(not _whole_app_ready(), reason="web/api not merged yet")
