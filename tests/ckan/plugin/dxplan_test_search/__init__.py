"""Test-only CKAN plugin: CKAN without a Solr server.

Stock CKAN indexes every dataset in Solr on each change and answers
package_search (and the dataset counts of organization_show) from it; with no
Solr server, package_create fails with "Search Index Error" and
organization_show with "Search Connection Error". No Solr server can be
installed on the machines that run dxplan's tests, so this plugin

- replaces the package index with CKAN's own no-op index, and
- answers package searches from the database: active (or requested) states,
  the owner_org / capacity filters that CKAN itself puts in `fq`, a plain
  substring match of `q` on name and title, and the owner_org/groups counts.

Every dataset and resource action then runs as stock CKAN. It is NOT a
search engine (no ranking, no Solr syntax, no permission labels): it serves
the dxplan integration tests only and must never be used on a real portal.
"""

import json
import re

import ckan.plugins as plugins
from ckan import model
from ckan.lib import search
from ckan.lib.search.index import NoopSearchIndex
from ckan.lib.search.query import SearchQuery

_OWNER = re.compile(r'owner_org:"?([\w-]+)"?')
_GROUP = re.compile(r'groups:"?([\w-]+)"?')
_STATE = re.compile(r'\+state:\(([^)]*)\)')


class DbPackageSearchQuery(SearchQuery):
    """package_search answered from the database."""

    def get_index(self, reference):
        # package_show's cache lookup: no index, so it reads the database.
        raise search.SearchError("no search index: " + reference)

    def get_all_entity_ids(self, max_results=1000):
        rows = model.Session.query(model.Package.id).limit(max_results)
        return [r[0] for r in rows]

    def run(self, query, permission_labels=None, **kwargs):
        fq = query.get("fq", "") or ""
        q = _packages(fq, query.get("q"))
        self.count = q.count()
        start = int(query.get("start", 0) or 0)
        rows = int(query.get("rows", 10) or 10)
        packages = q.order_by(model.Package.name).offset(start).limit(rows)
        self.results = [_result(p, query.get("fl", "")) for p in packages]
        self.facets = _counts()
        return {"results": self.results, "count": self.count}


def _packages(fq, text):
    """Packages matching CKAN's own filters and a plain text query."""
    q = model.Session.query(model.Package).filter(
        model.Package.type == "dataset")
    states = _STATE.search(fq)
    wanted = states.group(1).split(" OR ") if states else ["active"]
    q = q.filter(model.Package.state.in_([s.strip() for s in wanted]))
    if "+capacity:public" in fq:
        q = q.filter(model.Package.private == False)  # noqa: E712
    owner = _OWNER.search(fq)
    if owner:
        q = q.filter(model.Package.owner_org == owner.group(1))
    group = _GROUP.search(fq)
    if group:
        member = model.Session.query(model.Member.table_id).join(
            model.Group, model.Group.id == model.Member.group_id).filter(
            model.Group.name == group.group(1),
            model.Member.state == "active",
            model.Member.table_name == "package")
        q = q.filter(model.Package.id.in_(member))
    if text and text not in ("*:*", '""', "''"):
        like = "%{}%".format(text.strip('"'))
        q = q.filter(model.Package.name.ilike(like)
                     | model.Package.title.ilike(like))
    return q


def _result(package, fl):
    """One hit as package_search reads it from Solr: the dict as JSON."""
    shown = plugins.toolkit.get_action("package_show")(
        {"ignore_auth": True, "use_cache": False, "validate": False},
        {"id": package.id})
    doc = {"id": package.id, "name": package.name}
    for field in ("data_dict", "validated_data_dict"):
        doc[field] = json.dumps(shown)
    if fl and fl.split() == ["id"]:
        return package.id
    return doc


def _counts():
    """The facets get_group_dataset_counts asks for."""
    owners = {}
    rows = model.Session.query(model.Package.owner_org).filter(
        model.Package.state == "active", model.Package.type == "dataset")
    for (org,) in rows:
        if org:
            owners[org] = owners.get(org, 0) + 1
    return {"owner_org": owners, "groups": {}}


class DbSearchPlugin(plugins.SingletonPlugin):
    """Swaps Solr for the database when CKAN loads its plugins."""

    plugins.implements(plugins.IConfigurer)

    def update_config(self, config):
        search._INDICES["package"] = NoopSearchIndex
        search._QUERIES["package"] = DbPackageSearchQuery
        search.PackageSearchQuery = DbPackageSearchQuery
