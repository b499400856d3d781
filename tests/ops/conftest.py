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
