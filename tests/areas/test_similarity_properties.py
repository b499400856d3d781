from hypothesis import given
from hypothesis import strategies as st

from duban.areas.recurrence import fingerprint, similarity
from duban.ledger.subjects import name_similarity, normalise

CJK = st.text(alphabet=st.sampled_from("加快推进项目建设确保年底投产达效社区养老服务中心一二三第工业园，。要"), max_size=30)


@given(CJK, CJK)
def test_directive_similarity_is_symmetric_and_bounded(a, b):
    score = similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert abs(score - similarity(b, a)) < 1e-9


@given(CJK)
def test_a_directive_fully_matches_itself_unless_it_is_all_stock_words(a):
    assert similarity(a, a) == (1.0 if fingerprint(a) else 0.0)


@given(CJK, CJK)
def test_name_similarity_is_symmetric_and_bounded(a, b):
    a, b = normalise(a), normalise(b)
    score = name_similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert abs(score - name_similarity(b, a)) < 1e-9
