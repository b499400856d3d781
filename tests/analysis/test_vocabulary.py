"""The genre's vocabulary lives in one module; every step reads it."""

import re

from duban import analyze
from duban.analysis import vocabulary
from tests.analysis.conftest import make_article


def test_alt_puts_longer_words_first():
    pattern = re.compile(vocabulary.alt(("检查", "检查指导"), ("调研",)))
    assert pattern.match("检查指导工作").group() == "检查指导"
    assert vocabulary.alt(("调研", "调研")) == "调研"


def test_an_activity_word_added_to_the_vocabulary_reaches_event_and_stops():
    # 蹲点 was added once, to EVENT_KINDS and TOUR_VERBS: the event's kind and the
    # 到A、B蹲点 stops both see it.
    result = analyze(make_article(
        "3月5日，县委书记钟德海到东坪村蹲点。",
        "随后，他还到县农机合作社、县粮食储备库蹲点，要求各乡镇要抓好春耕备耕。",
    ))
    assert result.event.kind == "蹲点"
    assert [s.site for s in result.stops] == ["县农机合作社", "县粮食储备库"]
