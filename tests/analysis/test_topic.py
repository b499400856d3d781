"""Topics: the demand's own words decide, shared words weigh little, the context helps the weak."""

from duban.analysis.topic import classify, scores


def test_a_specific_word_outweighs_a_shared_one():
    # 企业 is the object of the demand, but the demand is about serving it
    assert classify("各部门要对企业反映的问题限时办结，帮助企业渡过难关") == "改革开放"
    assert classify("要督促燃气经营企业开展隐患排查") == "安全稳定"


def test_a_shared_word_alone_keeps_its_home_topic():
    assert classify("企业要做大做强") == "产业发展"


def test_shared_words_weigh_less_than_specific_ones():
    assert scores("企业")["产业发展"] < scores("产能")["产业发展"]


def test_the_context_decides_a_demand_without_policy_words():
    headline = "副区长暗访瓶装液化气使用安全"
    paragraph = "检查中发现一家饭店燃气管道老化。他要求店主立即整改到位。"
    assert classify("店主立即整改到位") == "综合"
    assert classify("店主立即整改到位", headline, paragraph) == "安全稳定"


def test_the_context_does_not_override_the_demands_own_words():
    headline = "副区长暗访瓶装液化气使用安全"
    assert classify("各责任单位要按照职责分工抓好落实", headline) == "综合"
    assert classify("要做好困难群众冬季救助", headline) == "民生服务"
