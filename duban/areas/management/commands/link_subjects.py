"""Give items without a subject one (from their 对象（原文）) and flag 再次交办 among proposals.

    duban link-subjects [--dry-run]

For data imported before subject resolution was wired into the import, or after an officer
merged subjects and wants proposals checked again. Safe to run repeatedly.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from tqdm import tqdm

from duban.areas.recurrence import flag_recurrences
from duban.ledger.models import Item, Journal
from duban.ledger.subjects import resolve_subject


class Command(BaseCommand):
    help = "为未关联对象的事项关联对象，并识别待审核事项中的再次交办"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计，不写入")

    def handle(self, *args, dry_run=False, **options):
        unlinked = list(Item.objects.filter(subject__isnull=True).exclude(subject_name=""))
        names_by_source = defaultdict(set)
        for source_id, name in Item.objects.exclude(subject_name="").values_list("source_id", "subject_name"):
            names_by_source[source_id].add(name)
        linked = repeats = 0
        with transaction.atomic():
            for item in tqdm(unlinked, desc=_("关联对象"), unit=_("条"), disable=not unlinked):
                item.subject = resolve_subject(item.subject_name, article_names=names_by_source[item.source_id])
                Item.objects.filter(pk=item.pk).update(subject=item.subject, version=F("version") + 1)
                Journal.record(item=item, action="link_subject", field="subject", new=item.subject.name)
                linked += 1
            proposals = list(Item.objects.filter(status=Item.Status.PROPOSED, subject__isnull=False))
            for item in tqdm(proposals, desc=_("识别再次交办"), unit=_("条"), disable=not proposals):
                repeats += bool(flag_recurrences(item))
            if dry_run:
                transaction.set_rollback(True)
        done = _("将关联对象 {linked} 条；{repeats} 条待审核事项为再次交办。") if dry_run else \
            _("已关联对象 {linked} 条；{repeats} 条待审核事项为再次交办。")
        self.stdout.write(done.format(linked=linked, repeats=repeats))
