"""A role's template rendered by Ansible's own Templar, with the role's defaults and the given variables."""

import functools

import yaml

from tests.support.paths import ROOT, collections_root


@functools.cache
def _plugins_loaded():
    from ansible.plugins.loader import init_plugin_loader

    init_plugin_loader([str(collections_root())])
    return True


def render(role, template, **variables):
    """roles/<role>/templates/<template>, rendered and read back as YAML (JSON is YAML)."""
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar, trust_as_template

    _plugins_loaded()
    role_dir = ROOT / "roles" / role
    values = dict(yaml.safe_load((role_dir / "defaults" / "main.yml").read_text()) or {}, **variables)
    values["ansible_search_path"] = [str(role_dir)]
    text = (role_dir / "templates" / template).read_text()
    return yaml.safe_load(Templar(loader=DataLoader(), variables=values).template(trust_as_template(text)))
