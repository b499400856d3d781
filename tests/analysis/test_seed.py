"""The bundled seed report (召陵区, 2023-10-20), read and analysed end to end."""


def test_seed_event(seed_analysis):
    event = seed_analysis.event
    assert event.date == "2023-10-18"
    assert event.kind == "调研"
    assert event.place == "召陵区"
    assert [(x.name, x.title) for x in event.leaders] == [("秦保强", "市委书记")]
    assert event.attendees == ["周新鹤", "常英敏", "乔彦强", "荣之光"]


def test_seed_stops_in_order_with_the_meeting_last(seed_analysis):
    sites = [s.site for s in seed_analysis.stops]
    assert sites[1] == "际华皮革皮鞋研究院"
    assert sites[-1] == "座谈会"
    assert "双汇第三工业园" in sites


def test_seed_directives(seed_analysis):
    directives = seed_analysis.directives
    texts = [d.text for d in directives]
    assert 35 <= len(directives) <= 42
    assert all(d.speaker == "秦保强" for d in directives)
    assert not any("给予充分肯定" in t for t in texts)  # praise
    assert "要解放思想,提升工作标准" in texts
    around = [d for d in directives if d.text.startswith("围绕")]
    assert len(around) == 7
    assert {"漯河卷烟厂", "汾河"} <= {d.subject for d in around}
    meeting = len(seed_analysis.stops) - 1
    assert {d.subject for d in directives if d.stop == meeting and not d.text.startswith("围绕")} == {"召陵区"}
    themes = [d.text for d in directives if d.level == "theme"]
    assert "要明确定位,实现创新突破" in themes
    body = seed_analysis.article.body
    assert all(body[d.para][d.start:d.end] == d.text for d in directives)


def test_seed_entities(seed_analysis):
    entities = seed_analysis.entities
    assert "秦保强" in entities.person
    assert entities.place_codes.get("召陵区") == "411104"
    assert {"际华皮革皮鞋研究院", "漯河卷烟厂"} <= set(entities.org)


def test_empty_or_odd_articles_give_an_empty_analysis():
    from duban import analyze
    from duban.reader.article import Article

    for article in (Article(), Article(body=["", "   ", "。。。", "“”"])):
        result = analyze(article)
        assert result.directives == [] and result.stops == [] and result.event.leaders == []
