"""A real OpenLDAP slapd on a loopback port, with the fixture directory (directory.ldif)."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SUFFIX = "dc=example,dc=gov,dc=cn"
ROOT_DN, ROOT_PW = f"cn=admin,{SUFFIX}", "admin-secret"
SLAPD = shutil.which("slapd") or "/usr/sbin/slapd"
SCHEMA = Path("/etc/ldap/schema")

CONFIG = """\
include {schema}/core.schema
include {schema}/cosine.schema
include {schema}/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {dir}/slapd.pid
access to attrs=userPassword by anonymous auth by self read by * none
access to * by * read
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_pw}
directory {dir}/data
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def slapd(tmp_path_factory):
    pytest.importorskip("ldap", reason="python-ldap is not installed (pip install 'duban[sso]')")
    if not Path(SLAPD).exists() or not (SCHEMA / "core.schema").exists():
        pytest.skip("OpenLDAP slapd is not installed (apt-get install slapd ldap-utils)")
    folder = tmp_path_factory.mktemp("slapd")
    (folder / "data").mkdir()
    conf = folder / "slapd.conf"
    conf.write_text(CONFIG.format(schema=SCHEMA, dir=folder, suffix=SUFFIX, root_dn=ROOT_DN, root_pw=ROOT_PW))
    uri = f"ldap://127.0.0.1:{free_port()}"
    server = subprocess.Popen([SLAPD, "-f", str(conf), "-h", uri + "/", "-d", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_and_load(uri, server)
        yield uri
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_and_load(uri: str, server) -> None:
    import ldap
    import ldap.modlist
    import ldif

    deadline = time.monotonic() + 20
    while True:
        try:
            conn = ldap.initialize(uri)
            conn.simple_bind_s(ROOT_DN, ROOT_PW)
            break
        except ldap.SERVER_DOWN:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("slapd did not start: " + server.stdout.read().decode(errors="replace")) from None
            time.sleep(0.1)
    with open(HERE / "directory.ldif", "rb") as fixture:
        records = ldif.LDIFRecordList(fixture)
        records.parse()
    for dn, entry in records.all_records:
        conn.add_s(dn, ldap.modlist.addModlist(entry))
    conn.unbind_s()
