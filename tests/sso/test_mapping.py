"""Directory groups → role and unit."""

from duban.sso.mapping import Grant, grant_for

TABLE = {"督查室": {"role": "officer"}, "区领导": {"role": "leader"}, "天桥街道": {"role": "liaison", "unit": "天桥街道"},
         "admins": {"role": "admin"}, "odd": {"role": "superhero"}}
TABLE = {k.lower(): v for k, v in TABLE.items()}


def test_strongest_role_and_first_unit():
    assert grant_for(["天桥街道"], TABLE) == Grant("liaison", "天桥街道")
    assert grant_for(["天桥街道", "督查室"], TABLE) == Grant("officer", "天桥街道")
    assert grant_for(["区领导", "ADMINS"], TABLE) == Grant("admin", "")  # names compare without case


def test_nothing_usable_is_none():
    assert grant_for([], TABLE) is None
    assert grant_for(["其他组"], TABLE) is None
    assert grant_for(["odd"], TABLE) is None  # not a duban role
    assert grant_for(["x"], {"x": {"role": "liaison"}}) is None  # a liaison needs a unit
