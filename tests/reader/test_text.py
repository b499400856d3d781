"""Pasted plain text: the seed report and text in its shape."""

import duban
from tests.reader.pages import PARAGRAPHS, TITLE


def test_seed_report(seed_bytes):
    article = duban.read(seed_bytes)
    assert article.title.startswith("市委书记秦保强到召陵区调研时强调")
    assert article.published == "2023-10-20"
    assert article.source == "漯河日报"
    assert article.clicks is None
    assert article.editor is None
    assert article.reviewer == "焦艳艳"
    assert len(article.body) == 8
    assert article.body[0].startswith("10月18日,市委书记秦保强到召陵区")
    assert article.body[-1] == "周新鹤、常英敏、乔彦强、荣之光等参加相关活动。"
    assert article.site.code == "4111040002"
    assert article.site.icp == "豫ICP备05016466号"
    assert article.site.name == "召陵区人民政府办公室"  # "主 办:" stands in for the site name
    for marker in ("责编", "审核", "Copyright", "ICP", "标识码", "联系电话", "网站地图"):
        assert marker not in article.text


def test_seed_as_str_equals_bytes(seed_text, seed_bytes):
    assert duban.read(seed_text) == duban.read(seed_bytes)


def test_pasted_text_without_footer():
    text = f"{TITLE}\n\n发布时间：2024-03-21  来源：新闻联播\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    article = duban.read(text)
    assert article.title == TITLE
    assert article.published == "2024-03-21"
    assert article.source == "新闻联播"
    assert article.body == PARAGRAPHS


def test_pasted_paragraphs_only():
    article = duban.read("\n".join(PARAGRAPHS))
    assert article.title is None
    assert article.body == PARAGRAPHS


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = [p[:20] + "\n" + p[20:] if len(p) > 20 else p for p in PARAGRAPHS]
    text = f"{TITLE}\n\n" + "\n\n".join(wrapped) + "\n\n（责任编辑：赵敏）\n"
    article = duban.read(text)
    assert article.body == PARAGRAPHS
    assert article.editor == "赵敏"


def test_breadcrumb_line_is_not_the_title():
    text = f"首页 > 新闻中心 > 正文\n{TITLE}\n日期：2023-11-05\n" + "\n".join(PARAGRAPHS)
    article = duban.read(text)
    assert article.title == TITLE
    assert article.published == "2023-11-05"
    assert article.body == PARAGRAPHS
