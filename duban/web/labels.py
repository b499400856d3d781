"""Words the pages show that are defined outside gettext (workflow labels, journal actions).

Marked here with gettext_noop so makemessages collects them; templates translate them at
render time with ``{% translate t.label %}``.
"""

from django.utils.translation import gettext_noop

WORKFLOW_LABELS = [
    gettext_noop("立项"), gettext_noop("不予立项"), gettext_noop("交办"), gettext_noop("签收"),
    gettext_noop("开始办理"), gettext_noop("申请销号"), gettext_noop("销号"), gettext_noop("退回"),
    gettext_noop("重新打开"), gettext_noop("撤回"), gettext_noop("恢复"), gettext_noop("非本单位职责"),
]

JOURNAL_ACTIONS = {
    "edit": gettext_noop("修改"), "progress": gettext_noop("报送进展"), "evidence": gettext_noop("上传佐证材料"),
    "split": gettext_noop("拆分"), "merge": gettext_noop("合并"), "import": gettext_noop("导入"),
    "create": gettext_noop("新建"), "extension_request": gettext_noop("申请延期"),
    "extension_approve": gettext_noop("同意延期"), "extension_deny": gettext_noop("不同意延期"),
    "enter": gettext_noop("录入"),
    "number_backfill": gettext_noop("补编督办编号"),
    "publish": gettext_noop("政务公开"), "urge": gettext_noop("催办"), "unpublish": gettext_noop("撤下公开"),
    "instruct": gettext_noop("批示"), "present": gettext_noop("呈批"), "read": gettext_noop("圈阅"),
}

JOURNAL_FIELDS = {"public": gettext_noop("公开表述"), "progress": gettext_noop("进展"), "file": gettext_noop("文件"), "co_units": gettext_noop("配合单位"),
                  "escalation": gettext_noop("督办级别"), "closing_report": gettext_noop("办结报告"),
                  "instruction": gettext_noop("批示"), "leader": gettext_noop("领导")}
