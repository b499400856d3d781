"""duban's own deployment checks, run by ``duban check --deploy`` beside Django's.

Each message names the environment variable that fixes it (settings come from the
environment, see ``duban/settings.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.utils.translation import gettext as _

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
WEAK_KEYS = {"secret", "changeme", "change-me", "duban", "django-insecure", "please-change-me"}
MIN_KEY_LENGTH = 50


def _inside(path: Path, folder: Path) -> bool:
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


@register(Tags.security, deploy=True)
def check_debug(app_configs=None, **kwargs):
    if settings.DEBUG:
        return [Error(_("DEBUG 已开启：出错页面会泄露配置与数据。"), hint=_("生产环境不要设置 DUBAN_DEBUG。"),
                      id="duban.E001")]
    return []


@register(Tags.security, deploy=True)
def check_secret_key(app_configs=None, **kwargs):
    key = settings.SECRET_KEY or ""
    if (len(key) < MIN_KEY_LENGTH or len(set(key)) < 5 or key.lower() in WEAK_KEYS
            or key.startswith("django-insecure-")):
        return [Error(_("SECRET_KEY 过短或为默认值（至少 {length} 个随机字符）。").format(length=MIN_KEY_LENGTH),
                      hint=_("删除 DUBAN_SECRET_KEY 让 duban 生成密钥文件，或设为足够长的随机串。"),
                      id="duban.E002")]
    key_file = Path(settings.DATA_HOME) / "secret_key"
    if not os.environ.get("DUBAN_SECRET_KEY") and key_file.exists() and key_file.stat().st_mode & 0o077:
        return [Warning(_("密钥文件 {file} 对其他用户可读。").format(file=key_file), hint=f"chmod 600 {key_file}", id="duban.W003")]
    return []


@register(Tags.security, deploy=True)
def check_https(app_configs=None, **kwargs):
    if not getattr(settings, "SECURE", False):
        return [Warning(_("未启用 HTTPS 设置：会话与 CSRF Cookie 可被明文截获。"),
                        hint=_("在 HTTPS（或终止 TLS 的反向代理）之后运行并设置 DUBAN_SECURE=1。"),
                        id="duban.W010")]
    missing = [name for name in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT")
               if not getattr(settings, name, False)]
    if not getattr(settings, "SECURE_HSTS_SECONDS", 0):
        missing.append("SECURE_HSTS_SECONDS")
    if missing:
        return [Error(_("DUBAN_SECURE=1 但以下设置未开启：{settings}。").format(settings="、".join(missing)),
                      hint=_("不要在 settings 中覆盖 DUBAN_SECURE 带来的 HTTPS 设置。"), id="duban.E011")]
    return []


def configured_workers() -> int:
    """Worker processes the server will run, as gunicorn and ``duban serve`` read them."""
    for name in ("DUBAN_WORKERS", "WEB_CONCURRENCY"):
        value = os.environ.get(name, "").strip()
        if value.isdigit():
            return int(value)
    return 1


def database_engine() -> str:
    return settings.DATABASES["default"]["ENGINE"]


@register(Tags.database, deploy=True)
def check_sqlite_workers(app_configs=None, **kwargs):
    engine = database_engine()
    workers = configured_workers()
    if engine.endswith("sqlite3") and workers > 1:
        return [Warning(_("SQLite 数据库配合 {workers} 个工作进程：并发写入会排队甚至超时。").format(workers=workers),
                        hint=_("多人使用请设置 DATABASE_URL=postgres://…，或只用 1 个工作进程。"),
                        id="duban.W020")]
    return []


@register(Tags.security, deploy=True)
def check_evidence_storage(app_configs=None, **kwargs):
    media = Path(settings.MEDIA_ROOT)
    web_roots = [Path(p) for p in [settings.STATIC_ROOT, *getattr(settings, "STATICFILES_DIRS", [])] if p]
    problems = []
    for root in web_roots:
        if _inside(media, root) or _inside(root, media):
            problems.append(Error(_("佐证材料目录 {media} 与静态文件目录 {root} 重叠：附件可能绕过权限被直接下载。").format(
                                      media=media, root=root),
                                  hint=_("把 MEDIA_ROOT 放在静态文件目录之外（默认 DUBAN_HOME/evidence）。"),
                                  id="duban.E030"))
    # Django turns an unset MEDIA_URL into "/" (script prefix); only a real prefix is a finding.
    if getattr(settings, "MEDIA_URL", "") not in ("", "/"):
        problems.append(Warning(_("设置了 MEDIA_URL={url}：附件应只经权限检查的视图下载。").format(url=repr(settings.MEDIA_URL)),
                                hint=_("删除 MEDIA_URL，并确认网页服务器不直接发布 MEDIA_ROOT。"), id="duban.W031"))
    existing = media if media.exists() else next((p for p in media.parents if p.exists()), None)
    if existing is None or not os.access(existing, os.W_OK | os.X_OK) or not existing.is_dir():
        problems.append(Error(_("佐证材料目录 {media} 不可写：上传会失败。").format(media=media),
                              hint=_("检查 DUBAN_HOME 的位置与权限（运行服务的用户需要写权限）。"), id="duban.E032"))
    return problems


@register(Tags.security, deploy=True)
def check_allowed_hosts(app_configs=None, **kwargs):
    hosts = set(settings.ALLOWED_HOSTS)
    if not hosts:
        return [Error(_("ALLOWED_HOSTS 为空：所有请求都会被拒绝。"), hint=_("设置 DUBAN_ALLOWED_HOSTS=督办.example.gov.cn"),
                      id="duban.E040")]
    if "*" in hosts:
        return [Error(_("ALLOWED_HOSTS 含 '*'：可被伪造 Host 头用于密码重置等链接投毒。"),
                      hint=_("在 DUBAN_ALLOWED_HOSTS 中列出实际域名。"), id="duban.E041")]
    if hosts <= LOOPBACK_HOSTS:
        return [Warning(_("ALLOWED_HOSTS 只有本机地址：其他电脑无法访问。"),
                        hint=_("设置 DUBAN_ALLOWED_HOSTS 为服务的域名（反向代理之后亦然）。"), id="duban.W042")]
    return []


@register(Tags.security, deploy=True)
def check_private_urls(app_configs=None, **kwargs):
    if getattr(settings, "DUBAN_ALLOW_PRIVATE_URLS", False):
        return [Warning(_("DUBAN_ALLOW_PRIVATE_URLS 已开启：网址导入可访问内网地址（SSRF 风险）。"),
                        hint=_("生产环境关闭 DUBAN_ALLOW_PRIVATE_URLS。"), id="duban.W050")]
    return []
