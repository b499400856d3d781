"""Seed the two 五星支部 schemes (rural village, urban community); editable in the admin afterwards."""

from django.db import migrations

SCHEMES = [
    ("village", "农村“五星”支部", ["支部过硬星", "产业兴旺星", "生态宜居星", "平安法治星", "文明幸福星"]),
    ("community", "城市社区“五星”支部", ["支部过硬星", "共建共享星", "宜业兴业星", "平安法治星", "幸福和谐星"]),
]


def seed(apps, schema_editor):
    StarScheme = apps.get_model("areas", "StarScheme")
    Star = apps.get_model("areas", "Star")
    for unit_kind, name, stars in SCHEMES:
        scheme, _ = StarScheme.objects.get_or_create(unit_kind=unit_kind, defaults={"name": name})
        for order, star in enumerate(stars, start=1):
            Star.objects.get_or_create(scheme=scheme, name=star, defaults={"order": order})


def unseed(apps, schema_editor):
    StarScheme = apps.get_model("areas", "StarScheme")
    StarScheme.objects.filter(name__in=[name for _, name, _ in SCHEMES], ratings__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("areas", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
