"""ansible-test's pip bootstrap without its download: pip from the standard library's ensurepip.

ansible-test creates each sanity test's virtualenv without pip, then bootstraps pip with
get-pip.py from ci-files.testing.ansible.com, which these machines cannot reach. When
~/.ansible/test/cache/get_pip_<pip version>.py exists, it runs that file instead.

    python scripts/sanity_pip_bootstrap.py --install     (scripts/sanity does this)

copies this file there and writes beside it the pip configuration in force here: ansible-test
runs pip with only HOME, PATH and LC_ALL, so an index, certificate or proxy given through PIP_*,
SSL_CERT_FILE or HTTPS_PROXY would not reach it. Run by ansible-test with get-pip.py's arguments,
this file installs pip from ensurepip, gives the new virtualenv that configuration (pip reads
<virtualenv>/pip.conf) and installs the packages asked for from the index.
"""

import ast
import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

# get-pip.py's own options; pip install does not know them.
GET_PIP_OPTIONS = ("--no-setuptools", "--no-wheel")


def pip_config():
    """The configuration this Python's pip runs with, as one pip.conf (environment variables win)."""
    listed = subprocess.run(
        [sys.executable, "-m", "pip", "config", "list"], check=True, capture_output=True, text=True
    ).stdout
    config = configparser.ConfigParser(interpolation=None)
    config.add_section("global")
    from_environment = {}
    for line in listed.splitlines():
        key, _equals, value = line.partition("=")
        section, _dot, name = key.partition(".")
        if section == ":env:":
            from_environment[name] = ast.literal_eval(value)
            continue
        if not config.has_section(section):
            config.add_section(section)
        config.set(section, name, ast.literal_eval(value))
    for name, value in from_environment.items():
        config.set("global", name, value)
    # Settings pip takes from the environment without a PIP_ prefix.
    for name, variables in (("cert", ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")), ("proxy", ("HTTPS_PROXY", "https_proxy"))):
        value = next((os.environ[variable] for variable in variables if os.environ.get(variable)), None)
        if value and not config.has_option("global", name):
            config.set("global", name, value)
    return config


def install():
    """Put this file where ansible-test looks for its pip bootstrap, with the configuration beside it."""
    from ansible_test._internal.python_requirements import get_venv_packages

    version = "%d.%d" % sys.version_info[:2]
    pip_version = get_venv_packages(SimpleNamespace(version=version))["pip"]
    cached = Path.home() / ".ansible/test/cache" / f"get_pip_{pip_version.replace('.', '_')}.py"
    cached.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(__file__, cached)
    with open(cached.with_suffix(".pip.conf"), "w", encoding="utf-8") as conf:
        pip_config().write(conf)


def bootstrap(arguments):
    """What get-pip.py does in the new virtualenv: pip, then the packages asked for."""
    subprocess.run([sys.executable, "-m", "ensurepip"], check=True)
    shutil.copyfile(Path(__file__).with_suffix(".pip.conf"), Path(sys.prefix) / "pip.conf")
    pip = [sys.executable, "-m", "pip"]
    subprocess.run(pip + ["install"] + [arg for arg in arguments if arg not in GET_PIP_OPTIONS], check=True)
    if "--no-setuptools" in arguments:
        # ensurepip brings setuptools with Python 3.11; the virtualenv was asked for without it.
        subprocess.run(pip + ["uninstall", "--yes", "setuptools"], check=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--install"]:
        install()
    else:
        bootstrap(sys.argv[1:])
