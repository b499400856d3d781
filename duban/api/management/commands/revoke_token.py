"""duban revoke-token ID...: revoke API tokens; --list shows them (never the keys)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from duban.api.models import ApiToken


class Command(BaseCommand):
    help = "吊销 API 令牌；--list 列出全部令牌"

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="令牌编号")
        parser.add_argument("--list", action="store_true", help="列出令牌（编号、用户、名称、开头、最近使用）")

    def handle(self, *args, ids, list, **options):
        if list:
            for token in ApiToken.objects.select_related("user").order_by("id"):
                state = _("已吊销 {date}").format(date=f"{token.revoked_at:%Y-%m-%d}") if token.revoked else _("有效")
                used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else _("从未使用")
                self.stdout.write(f"#{token.pk}\t{token.user.username}\t{token.name}\t{token.hint}…\t{used}\t{state}")
            return
        if not ids:
            raise CommandError(_("请给出要吊销的令牌编号（--list 查看）。"))
        missing = set(ids) - set(ApiToken.objects.filter(pk__in=ids).values_list("pk", flat=True))
        if missing:
            raise CommandError(_("令牌不存在：{ids}").format(ids=", ".join(map(str, sorted(missing)))))
        for token in ApiToken.objects.filter(pk__in=ids):
            token.revoke()
            self.stdout.write(_("已吊销令牌 #{id}（{username}）").format(id=token.pk, username=token.user.username))
