//! Publishing one plan: read what the portal has, decide what to create,
//! update, keep or leave alone, then do it in an order that a rerun can
//! finish after any interruption.
//!
//! - The dataset is found by its stable name, so a rerun never creates a
//!   second one.
//! - Resources dxplan manages carry `dxplan_kind` (json, xlsx, measures, …,
//!   dictionary), `dxplan_role` (`latest` or `edition`), `dxplan_edition`
//!   (`YYYY-MM`) and `hash` (the file's SHA-256). Anything else on the
//!   dataset is left alone.
//! - The `latest` resources keep their ids (stable URLs). A newer edition
//!   first copies each latest file into an `edition` resource for the
//!   edition it held (unless that copy exists), then replaces the file.
//!   An older edition than the portal's latest only adds its `edition`
//!   resources.
//! - A file whose hash is already on the portal is not uploaded again.
//! - Before the first change the dataset gets the extra
//!   `dxplan_status: 更新中` (a new dataset is created with it); the
//!   metadata is written last, without it, once every file is in place. A
//!   run cut off half-way leaves the mark, and the next run finishes the
//!   files and removes it.
//! - The dictionary and a new Data Package (`datapackage.json`) go first:
//!   each CSV resource links to both (`datapackage`, `data_dictionary`),
//!   an earlier edition's CSV to the Data Package of its edition (kept
//!   first). The latest Data Package's new file goes last, after the files
//!   it describes.
//! - A file CKAN refuses as too large undoes what the run created before
//!   it: its resources are deleted and a dataset it created is purged (or
//!   deleted, where the token may not purge), and the mark is removed again
//!   if nothing else changed, so that the portal is as it was. A latest file
//!   already replaced in that run is not put back (the mark stays).

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value, json};

use super::ckan::{Ckan, Upload};
use super::error::PortalError;
use super::files::{self, Artefact, Kind};
use super::metadata::{self, Identity};
use dxplan::model::Plan;

/// How to publish.
#[derive(Debug, Clone)]
pub struct Options {
    /// The CKAN organization (name or id) that owns the dataset.
    pub organization: String,
    /// Decide and report, change nothing.
    pub dry_run: bool,
}

/// What happens to one thing on the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Create,
    Update,
    /// Copy the latest file into a resource of its edition before it is
    /// replaced.
    KeepEdition,
    Unchanged,
}

/// One decided change, reported before (dry run) or after it is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub change: Change,
    /// The dataset or resource name shown on the portal.
    pub what: String,
    /// The file uploaded (or that would be).
    pub file: Option<String>,
    pub dry_run: bool,
}

impl Step {
    /// The line in `lang`: what was (or would be) done, and the file.
    pub fn message(&self, lang: dxplan::i18n::Lang) -> String {
        let id = match (self.change, self.dry_run) {
            (Change::Create, false) => "portal-step-created",
            (Change::Create, true) => "portal-step-would-create",
            (Change::Update, false) => "portal-step-updated",
            (Change::Update, true) => "portal-step-would-update",
            (Change::KeepEdition, false) => "portal-step-kept",
            (Change::KeepEdition, true) => "portal-step-would-keep",
            (Change::Unchanged, _) => "portal-step-unchanged",
        };
        let line = dxplan::t!(lang, id, what = self.what.as_str());
        match &self.file {
            Some(file) => dxplan::t!(lang, "portal-step-file", step = line, file = file.as_str()),
            None => line,
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(dxplan::i18n::Lang::En))
    }
}

/// The result of publishing one plan.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub dataset: String,
    /// The dataset's page.
    pub url: String,
    pub edition: String,
    pub steps: Vec<Step>,
    pub dry_run: bool,
}

impl Outcome {
    /// Files uploaded (or that would be).
    pub fn uploads(&self) -> usize {
        self.steps.iter().filter(|s| s.file.is_some()).count()
    }

    /// Whether nothing was (or would be) changed.
    pub fn unchanged(&self) -> bool {
        self.steps.iter().all(|s| s.change == Change::Unchanged)
    }
}

impl Outcome {
    /// The line in `lang`: the dataset, its edition, what was uploaded
    /// (or would be) and the dataset's page.
    pub fn message(&self, lang: dxplan::i18n::Lang) -> String {
        let (dataset, edition, url) = (
            self.dataset.as_str(),
            self.edition.as_str(),
            self.url.as_str(),
        );
        if self.unchanged() {
            return dxplan::t!(
                lang,
                "portal-outcome-unchanged",
                dataset = dataset,
                edition = edition,
                url = url
            );
        }
        let id = if self.dry_run {
            "portal-outcome-dry-run"
        } else {
            "portal-outcome-uploaded"
        };
        dxplan::t!(
            lang,
            id,
            dataset = dataset,
            edition = edition,
            count = self.uploads(),
            url = url
        )
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(dxplan::i18n::Lang::En))
    }
}

/// A resource as the portal has it.
#[derive(Debug, Clone)]
struct Remote {
    id: String,
    kind: Kind,
    latest: bool,
    edition: String,
    hash: String,
    file_name: String,
}

impl Remote {
    fn from(v: &Value) -> Option<Remote> {
        let kind = Kind::from_key(v["dxplan_kind"].as_str()?)?;
        let url = v["url"].as_str().unwrap_or_default();
        Some(Remote {
            id: v["id"].as_str()?.to_string(),
            kind,
            latest: v["dxplan_role"].as_str() == Some("latest"),
            edition: v["dxplan_edition"].as_str().unwrap_or_default().to_string(),
            hash: v["hash"].as_str().unwrap_or_default().to_string(),
            file_name: url.rsplit('/').next().unwrap_or_default().to_string(),
        })
    }
}

/// One thing to do.
#[derive(Debug)]
enum Action<'a> {
    /// Create the dataset, marked as being updated.
    CreateDataset,
    /// Mark the existing dataset as being updated (its extras plus the
    /// status), before its first file changes.
    MarkUpdating,
    /// Patch the dataset's metadata (and revive it when deleted); this
    /// removes the status.
    UpdateDataset,
    /// Remove the status, keeping the rest of the metadata (after adding an
    /// edition older than the portal's).
    Settle,
    /// Create a `latest` or `edition` resource from a local file.
    Create {
        file: &'a Artefact,
        latest: bool,
    },
    /// Replace the file of an existing resource.
    Replace {
        id: String,
        file: &'a Artefact,
        latest: bool,
    },
    /// Copy a latest resource into an `edition` resource of its edition.
    Keep(Remote),
    Unchanged(String),
}

/// Publish one plan: [`Portal::open`] then [`Portal::publish`].
///
/// # Errors
/// A [`PortalError`]: unreachable server, missing or refused token,
/// missing organization, refused content, a file too large.
pub fn publish(
    ckan: &Ckan,
    plan: &Plan,
    opts: &Options,
    report: &mut dyn FnMut(&Step),
) -> Result<Outcome, PortalError> {
    metadata::identity(plan).map_err(PortalError::Unpublishable)?;
    Portal::open(ckan, opts)?.publish(plan, report)
}

/// A CKAN site and the organization plans are published to, checked once
/// for a run of several plans.
pub struct Portal<'a> {
    ckan: &'a Ckan,
    org_id: String,
    /// The site's own address (`ckan.site_url`), which the links between
    /// resources use: the same whatever address this run reached it by.
    site: String,
    dry_run: bool,
}

impl<'a> Portal<'a> {
    /// Check the token, the organization and the right to create datasets
    /// in it.
    ///
    /// # Errors
    /// [`PortalError::TokenMissing`] (unless a dry run),
    /// [`PortalError::OrganizationMissing`], [`PortalError::TokenRefused`],
    /// or the server unreachable.
    pub fn open(ckan: &'a Ckan, opts: &Options) -> Result<Portal<'a>, PortalError> {
        if !opts.dry_run && !ckan.has_token() {
            return Err(PortalError::TokenMissing);
        }
        let org = organization(ckan, &opts.organization)?;
        if ckan.has_token() {
            check_rights(ckan, &org, &opts.organization)?;
        }
        Ok(Portal {
            ckan,
            org_id: org["id"].as_str().unwrap_or_default().to_string(),
            site: site_url(ckan)?,
            dry_run: opts.dry_run,
        })
    }

    /// Publish one plan.
    ///
    /// `report` hears each step as it is done (or, in a dry run, decided),
    /// so a run that stops half-way has said how far it got.
    ///
    /// # Errors
    /// A [`PortalError`]: unreachable server, refused content, a file too
    /// large, a dataset of another organization.
    pub fn publish(
        &self,
        plan: &Plan,
        report: &mut dyn FnMut(&Step),
    ) -> Result<Outcome, PortalError> {
        let ckan = self.ckan;
        let id = metadata::identity(plan).map_err(PortalError::Unpublishable)?;
        let files = files::render(plan)?;
        let dataset = ckan.get("package_show", &[("id", id.dataset.as_str())])?;
        if let Some(d) = &dataset {
            check_owner(d, &self.org_id, &id)?;
        }
        let remote: Vec<Remote> = dataset
            .as_ref()
            .and_then(|d| d["resources"].as_array())
            .map(|rs| rs.iter().filter_map(Remote::from).collect())
            .unwrap_or_default();
        let fields = metadata::dataset_fields(plan, &id);
        let actions = decide(dataset.as_ref(), &fields, &remote, &files, &id);
        let mut run = Run {
            ckan,
            site: &self.site,
            id: &id,
            org_id: self.org_id.clone(),
            fields,
            extras: dataset
                .as_ref()
                .map(|d| pairs(&d["extras"]))
                .unwrap_or_default(),
            dictionary_url: None,
            packages: HashMap::new(),
            last: dataset.clone(),
            wrote_metadata: false,
            dry_run: self.dry_run,
            steps: Vec::new(),
            created: Vec::new(),
            marked: false,
            replaced: false,
        };
        run.links_from(&remote);
        for action in actions {
            let step = match run.apply(action) {
                Ok(step) => step,
                Err(e @ PortalError::TooLarge { .. }) => {
                    run.undo();
                    return Err(e);
                }
                Err(e) => return Err(e),
            };
            report(&step);
            run.steps.push(step);
        }
        if !self.dry_run {
            run.reorder()?;
        }
        Ok(Outcome {
            url: format!("{}/dataset/{}", ckan.base(), id.dataset),
            dataset: id.dataset.clone(),
            edition: id.edition.clone(),
            steps: run.steps,
            dry_run: self.dry_run,
        })
    }
}

/// The site's address as CKAN names it (`status_show`), else the one given.
fn site_url(ckan: &Ckan) -> Result<String, PortalError> {
    let status = ckan.get("status_show", &[])?.unwrap_or_default();
    let site = status["site_url"].as_str().unwrap_or_default();
    let site = if site.is_empty() { ckan.base() } else { site };
    Ok(site.trim_end_matches('/').to_string())
}

fn organization(ckan: &Ckan, name: &str) -> Result<Value, PortalError> {
    let query = [("id", name), ("include_datasets", "false")];
    ckan.get("organization_show", &query)?
        .ok_or_else(|| PortalError::OrganizationMissing(name.to_string()))
}

/// The token's user may create datasets in the organization. An invalid
/// token makes CKAN treat the caller as anonymous, who may not.
fn check_rights(ckan: &Ckan, org: &Value, name: &str) -> Result<(), PortalError> {
    let query = [
        ("permission", "create_dataset"),
        ("include_dataset_count", "false"),
    ];
    let mine = ckan
        .get("organization_list_for_user", &query)?
        .unwrap_or_default();
    let allowed = mine
        .as_array()
        .is_some_and(|orgs| orgs.iter().any(|o| o["id"] == org["id"]));
    if allowed {
        return Ok(());
    }
    Err(PortalError::TokenRefused(format!(
        "組織 {name} にデータセットを作成する権限がありません（トークンが無効・失効しているか、\
         利用者が組織のメンバーではありません） / the token does not allow creating datasets in \
         organization {name} (invalid or revoked token, or its user is not a member)"
    )))
}

fn check_owner(dataset: &Value, org_id: &str, id: &Identity) -> Result<(), PortalError> {
    if dataset["owner_org"].as_str() == Some(org_id) {
        return Ok(());
    }
    let owner = dataset["organization"]["name"]
        .as_str()
        .or(dataset["owner_org"].as_str())
        .unwrap_or("none");
    Err(PortalError::OtherOwner {
        dataset: id.dataset.clone(),
        owner: owner.to_string(),
    })
}

/// The portal's latest edition: the newest edition a latest resource holds.
fn portal_edition(remote: &[Remote]) -> Option<&str> {
    remote
        .iter()
        .filter(|r| r.latest && r.kind.per_edition())
        .map(|r| r.edition.as_str())
        .max()
}

fn decide<'a>(
    dataset: Option<&Value>,
    fields: &Map<String, Value>,
    remote: &[Remote],
    files: &'a [Artefact],
    id: &Identity,
) -> Vec<Action<'a>> {
    let older = portal_edition(remote).is_some_and(|e| e > id.edition.as_str());
    let mut actions = Vec::new();
    // The dictionary and the Data Package first: the CSV resources link to
    // them.
    let mut order: Vec<&Artefact> = files.iter().collect();
    order.sort_by_key(|f| match f.kind {
        Kind::Dictionary => 0,
        Kind::DataPackage => 1,
        _ => 2,
    });
    // The latest Data Package is replaced last, once the files it
    // describes are (its id, which they link to, stays): a run refused
    // half-way leaves it describing the files still there.
    let mut deferred = Vec::new();
    for file in order {
        if older && file.kind.per_edition() {
            actions.push(edition_action(remote, file, id));
            continue;
        }
        for a in latest_actions(remote, file, id) {
            match a {
                Action::Replace { .. } if file.kind == Kind::DataPackage => deferred.push(a),
                a => actions.push(a),
            }
        }
    }
    actions.extend(deferred);
    let changes = actions.iter().any(|a| !matches!(a, Action::Unchanged(_)));
    let Some(d) = dataset else {
        actions.insert(0, Action::CreateDataset);
        actions.push(Action::UpdateDataset);
        return actions;
    };
    if changes && !updating(d) {
        actions.insert(0, Action::MarkUpdating);
    }
    let last = match () {
        _ if !older && (changes || needs_update(d, fields)) => Some(Action::UpdateDataset),
        _ if older && (changes || updating(d)) && settled(d, remote) => Some(Action::Settle),
        _ => None,
    };
    match last {
        Some(a) => actions.push(a),
        None if !changes => actions.insert(0, Action::Unchanged(dataset_label(d["name"].as_str()))),
        None => {}
    }
    actions
}

/// Whether the dataset carries the status of a publish under way.
fn updating(d: &Value) -> bool {
    pairs(&d["extras"])
        .iter()
        .any(|(k, v)| k == metadata::STATUS_KEY && v == metadata::UPDATING)
}

/// Whether the portal's latest files and metadata agree: every kind of
/// file is there, all of one edition, the edition the metadata names.
fn settled(d: &Value, remote: &[Remote]) -> bool {
    let Some(edition) = portal_edition(remote) else {
        return false;
    };
    let all_there = Kind::ALL.iter().all(|k| {
        remote
            .iter()
            .any(|r| r.latest && r.kind == *k && (!k.per_edition() || r.edition == edition))
    });
    let named = pairs(&d["extras"])
        .iter()
        .any(|(k, v)| k == "edition" && v == edition);
    all_there && named
}

fn dataset_label(name: Option<&str>) -> String {
    format!("データセット / dataset {}", name.unwrap_or_default())
}

/// The latest resource of a kind brought to this file.
fn latest_actions<'a>(remote: &[Remote], file: &'a Artefact, id: &Identity) -> Vec<Action<'a>> {
    let Some(r) = remote.iter().find(|r| r.latest && r.kind == file.kind) else {
        return vec![Action::Create { file, latest: true }];
    };
    let replace = Action::Replace {
        id: r.id.clone(),
        file,
        latest: true,
    };
    if !file.kind.per_edition() || r.edition == id.edition {
        if r.hash == file.sha256 {
            return vec![Action::Unchanged(metadata::resource_name(file.kind, None))];
        }
        return vec![replace];
    }
    let kept = remote
        .iter()
        .any(|e| !e.latest && e.kind == r.kind && e.edition == r.edition);
    if kept || r.edition.is_empty() {
        vec![replace]
    } else {
        vec![Action::Keep(r.clone()), replace]
    }
}

/// The `edition` resource of an edition older than the portal's latest.
fn edition_action<'a>(remote: &[Remote], file: &'a Artefact, id: &Identity) -> Action<'a> {
    let found = remote
        .iter()
        .find(|r| !r.latest && r.kind == file.kind && r.edition == id.edition);
    match found {
        None => Action::Create {
            file,
            latest: false,
        },
        Some(r) if r.hash == file.sha256 => {
            Action::Unchanged(metadata::resource_name(file.kind, Some(&id.edition)))
        }
        Some(r) => Action::Replace {
            id: r.id.clone(),
            file,
            latest: false,
        },
    }
}

/// Whether the dataset's fields differ from what dxplan would write.
fn needs_update(dataset: &Value, fields: &Map<String, Value>) -> bool {
    if dataset["state"].as_str() != Some("active") {
        return true;
    }
    fields.iter().any(|(k, want)| match k.as_str() {
        "tags" => names(&dataset["tags"], "name") != names(want, "name"),
        "extras" => pairs(&dataset["extras"]) != pairs(want),
        _ => &dataset[k] != want,
    })
}

fn names(v: &Value, key: &str) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t[key].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn pairs(v: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = v
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    let s = |k: &str| e[k].as_str().unwrap_or_default().to_string();
                    (s("key"), s("value"))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Carrying out the decided actions.
struct Run<'a> {
    ckan: &'a Ckan,
    site: &'a str,
    id: &'a Identity,
    org_id: String,
    fields: Map<String, Value>,
    /// The dataset's extras as the portal had them.
    extras: Vec<(String, String)>,
    dictionary_url: Option<String>,
    /// The page of each Data Package resource: `None` for the latest,
    /// else its edition.
    packages: HashMap<Option<String>, String>,
    /// The dataset as the last metadata write returned it, or as the run
    /// found it.
    last: Option<Value>,
    /// Whether `last` is the answer of the last metadata write.
    wrote_metadata: bool,
    dry_run: bool,
    steps: Vec<Step>,
    /// What this run created, for [`Run::undo`].
    created: Vec<Created>,
    /// Whether this run marked the dataset as being updated.
    marked: bool,
    /// Whether this run replaced a file of an existing resource.
    replaced: bool,
}

/// Something a run created on the portal.
enum Created {
    Dataset,
    Resource(String),
}

impl Run<'_> {
    fn step(&self, change: Change, what: String, file: Option<&str>) -> Step {
        Step {
            change,
            what,
            file: file.map(String::from),
            dry_run: self.dry_run,
        }
    }

    /// The links the resources already on the portal offer.
    fn links_from(&mut self, remote: &[Remote]) {
        for r in remote {
            let page = self.link(&r.id);
            match r.kind {
                Kind::Dictionary if r.latest => self.dictionary_url = Some(page),
                Kind::DataPackage => {
                    let key = (!r.latest).then(|| r.edition.clone());
                    self.packages.insert(key, page);
                }
                _ => {}
            }
        }
    }

    /// Record a Data Package or dictionary resource just created.
    fn record_link(&mut self, kind: Kind, latest: bool, edition: &str, answer: &Value) {
        let page = self.link(answer["id"].as_str().unwrap_or_default());
        match kind {
            Kind::Dictionary => self.dictionary_url = Some(page),
            Kind::DataPackage => {
                let key = (!latest).then(|| edition.to_string());
                self.packages.insert(key, page);
            }
            _ => {}
        }
    }

    /// A resource's page as the links name it (at the site's address).
    fn link(&self, resource_id: &str) -> String {
        format!(
            "{}/dataset/{}/resource/{resource_id}",
            self.site, self.id.dataset
        )
    }

    /// A resource's page at the address this run reaches the site by.
    fn resource_page(&self, resource_id: &str) -> String {
        format!(
            "{}/dataset/{}/resource/{resource_id}",
            self.ckan.base(),
            self.id.dataset
        )
    }

    fn apply(&mut self, action: Action) -> Result<Step, PortalError> {
        let dataset = dataset_label(Some(&self.id.dataset));
        match action {
            Action::CreateDataset => {
                if !self.dry_run {
                    let mut body = self.fields.clone();
                    body.insert("owner_org".into(), json!(self.org_id));
                    let mut extras = pairs(&body["extras"]);
                    extras.push(status());
                    body.insert("extras".into(), extras_json(&extras));
                    self.ckan.post("package_create", &Value::Object(body))?;
                    self.created.push(Created::Dataset);
                }
                Ok(self.step(Change::Create, dataset, None))
            }
            Action::MarkUpdating => {
                let mut extras = self.extras.clone();
                extras.retain(|(k, _)| k != metadata::STATUS_KEY);
                extras.push(status());
                self.patch_extras(&extras)?;
                self.marked = !self.dry_run;
                let what = format!("{dataset}: {}={}", metadata::STATUS_KEY, metadata::UPDATING);
                Ok(self.step(Change::Update, what, None))
            }
            Action::UpdateDataset => {
                if !self.dry_run {
                    let mut body = self.fields.clone();
                    body.insert("id".into(), json!(self.id.dataset));
                    body.insert("state".into(), json!("active"));
                    self.last = Some(self.ckan.post("package_patch", &Value::Object(body))?);
                    self.wrote_metadata = true;
                }
                Ok(self.step(Change::Update, dataset, None))
            }
            Action::Settle => {
                let mut extras = self.extras.clone();
                extras.retain(|(k, _)| k != metadata::STATUS_KEY);
                self.last = self.patch_extras(&extras)?;
                self.wrote_metadata = true;
                Ok(self.step(Change::Update, dataset, None))
            }
            Action::Create { file, latest } => self.upload(None, file, latest),
            Action::Replace { id, file, latest } => self.upload(Some(id), file, latest),
            Action::Keep(r) => self.keep(&r),
            Action::Unchanged(what) => Ok(self.step(Change::Unchanged, what, None)),
        }
    }

    /// Replace the dataset's extras; its answer (none in a dry run).
    fn patch_extras(&self, extras: &[(String, String)]) -> Result<Option<Value>, PortalError> {
        if self.dry_run {
            return Ok(None);
        }
        let body = json!({ "id": self.id.dataset, "extras": extras_json(extras) });
        Ok(Some(self.ckan.post("package_patch", &body)?))
    }

    /// Create (no id) or replace a resource's file.
    fn upload(
        &mut self,
        id: Option<String>,
        file: &Artefact,
        latest: bool,
    ) -> Result<Step, PortalError> {
        let edition = (!latest).then_some(self.id.edition.as_str());
        let name = metadata::resource_name(file.kind, edition);
        let change = if id.is_some() {
            Change::Update
        } else {
            Change::Create
        };
        if self.dry_run {
            return Ok(self.step(change, name, Some(&file.file_name)));
        }
        let mut body =
            self.resource_fields(file.kind, &self.id.edition.clone(), latest, &file.sha256);
        match &id {
            Some(id) => body.insert("id".into(), json!(id)),
            None => body.insert("package_id".into(), json!(self.id.dataset)),
        };
        let upload = Upload {
            file_name: &file.file_name,
            mimetype: file.kind.format().1,
            bytes: &file.bytes,
        };
        let action = if id.is_some() {
            "resource_patch"
        } else {
            "resource_create"
        };
        let created = self.ckan.post_upload(action, &body, &upload)?;
        if id.is_none() {
            self.remember_resource(&created);
        } else {
            self.replaced = true;
        }
        let edition = self.id.edition.clone();
        self.record_link(file.kind, latest, &edition, &created);
        Ok(self.step(change, name, Some(&file.file_name)))
    }

    fn remember_resource(&mut self, created: &Value) {
        if let Some(id) = created["id"].as_str() {
            self.created.push(Created::Resource(id.to_string()));
        }
    }

    /// Remove what this run created, newest first, as far as CKAN lets us
    /// (the run is failing already, so a removal that fails is left), and
    /// the mark when nothing else changed.
    fn undo(&mut self) {
        let dataset = json!({ "id": self.id.dataset });
        for created in self.created.drain(..).rev() {
            match created {
                Created::Resource(id) => {
                    let _ = self.ckan.post("resource_delete", &json!({ "id": id }));
                }
                Created::Dataset => {
                    if self.ckan.post("dataset_purge", &dataset).is_err() {
                        let _ = self.ckan.post("package_delete", &dataset);
                    }
                }
            }
        }
        if self.marked && !self.replaced {
            let mut extras = self.extras.clone();
            extras.retain(|(k, _)| k != metadata::STATUS_KEY);
            let _ = self.patch_extras(&extras);
        }
    }

    /// Copy a latest resource's current file into a resource of its edition.
    fn keep(&mut self, r: &Remote) -> Result<Step, PortalError> {
        let name = metadata::resource_name(r.kind, Some(&r.edition));
        if self.dry_run {
            return Ok(self.step(Change::KeepEdition, name, Some(&r.file_name)));
        }
        let url = format!("{}/download/{}", self.resource_page(&r.id), r.file_name);
        let bytes = self.ckan.download(&url)?;
        let sha = dxplan::sha256_hex(&bytes);
        let mut body = self.resource_fields(r.kind, &r.edition, false, &sha);
        body.insert("package_id".into(), json!(self.id.dataset));
        let upload = Upload {
            file_name: &r.file_name,
            mimetype: r.kind.format().1,
            bytes: &bytes,
        };
        let created = self.ckan.post_upload("resource_create", &body, &upload)?;
        self.remember_resource(&created);
        self.record_link(r.kind, false, &r.edition, &created);
        Ok(self.step(Change::KeepEdition, name, Some(&r.file_name)))
    }

    fn resource_fields(
        &self,
        kind: Kind,
        edition: &str,
        latest: bool,
        sha: &str,
    ) -> Map<String, Value> {
        let shown_edition = (!latest).then_some(edition);
        let dictionary = self
            .dictionary_url
            .as_deref()
            .filter(|_| kind != Kind::Dictionary);
        let package = self
            .packages
            .get(&(!latest).then(|| edition.to_string()))
            .map(String::as_str)
            .filter(|_| kind.is_table());
        let mut m = Map::new();
        m.insert(
            "name".into(),
            json!(metadata::resource_name(kind, shown_edition)),
        );
        let description = metadata::resource_description(kind, edition, dictionary, package);
        m.insert("description".into(), json!(description));
        m.insert("format".into(), json!(kind.format().0));
        m.insert("mimetype".into(), json!(kind.format().1));
        m.insert("hash".into(), json!(sha));
        m.insert("dxplan_kind".into(), json!(kind.key()));
        m.insert(
            "dxplan_role".into(),
            json!(if latest { "latest" } else { "edition" }),
        );
        m.insert("dxplan_edition".into(), json!(edition));
        if let Some(url) = dictionary {
            m.insert("data_dictionary".into(), json!(url));
        }
        if let Some(url) = package {
            m.insert("datapackage".into(), json!(url));
        }
        m
    }

    /// List the resources as the portal should show them: the latest files
    /// in [`Kind::ALL`] order, then earlier editions, newest first, then
    /// anything dxplan does not manage.
    fn reorder(&self) -> Result<(), PortalError> {
        // The answer of the metadata write (the last write) lists the
        // resources, or the dataset as found when nothing changed.
        let shown;
        let d = match &self.last {
            Some(d)
                if self.wrote_metadata
                    || self.steps.iter().all(|s| s.change == Change::Unchanged) =>
            {
                d
            }
            _ => {
                let Some(d) = self
                    .ckan
                    .get("package_show", &[("id", self.id.dataset.as_str())])?
                else {
                    return Ok(());
                };
                shown = d;
                &shown
            }
        };
        let all: Vec<&Value> = d["resources"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        let current: Vec<String> = all
            .iter()
            .filter_map(|r| r["id"].as_str().map(String::from))
            .collect();
        let mut keyed: Vec<(u8, std::cmp::Reverse<String>, usize, String)> = all
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                let rid = v["id"].as_str()?.to_string();
                Some(match Remote::from(v) {
                    Some(r) if r.latest => (0, std::cmp::Reverse(String::new()), rank(r.kind), rid),
                    Some(r) => (1, std::cmp::Reverse(r.edition), rank(r.kind), rid),
                    None => (2, std::cmp::Reverse(String::new()), i, rid),
                })
            })
            .collect();
        keyed.sort();
        let wanted: Vec<String> = keyed.into_iter().map(|k| k.3).collect();
        if wanted == current {
            return Ok(());
        }
        let body = json!({ "id": d["id"], "order": wanted });
        self.ckan.post("package_resource_reorder", &body)?;
        Ok(())
    }
}

/// The status extra of a publish under way.
fn status() -> (String, String) {
    (metadata::STATUS_KEY.into(), metadata::UPDATING.into())
}

fn extras_json(extras: &[(String, String)]) -> Value {
    extras
        .iter()
        .map(|(k, v)| json!({ "key": k, "value": v }))
        .collect()
}

fn rank(kind: Kind) -> usize {
    Kind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(edition: &str) -> Identity {
        Identity {
            code: "042030".into(),
            edition: edition.into(),
            dataset: "042030-dx-action-plan".into(),
        }
    }

    fn file(kind: Kind, sha: &str) -> Artefact {
        Artefact {
            kind,
            file_name: format!("{}.x", kind.key()),
            bytes: Vec::new(),
            sha256: sha.into(),
        }
    }

    fn remote(kind: Kind, latest: bool, edition: &str, hash: &str) -> Remote {
        Remote {
            id: format!("{}-{latest}-{edition}", kind.key()),
            kind,
            latest,
            edition: edition.into(),
            hash: hash.into(),
            file_name: format!("{edition}-{}.x", kind.key()),
        }
    }

    /// A short name per action: `create`, `create-edition`, `replace`, `keep`, `same`.
    fn names(actions: &[Action]) -> Vec<String> {
        actions
            .iter()
            .map(|a| match a {
                Action::CreateDataset => "dataset".into(),
                Action::MarkUpdating => "mark".into(),
                Action::UpdateDataset => "update-dataset".into(),
                Action::Settle => "settle".into(),
                Action::Create { latest: true, .. } => "create".into(),
                Action::Create { latest: false, .. } => "create-edition".into(),
                Action::Replace { latest, .. } => format!("replace-{latest}"),
                Action::Keep(r) => format!("keep-{}", r.edition),
                Action::Unchanged(_) => "same".into(),
            })
            .collect()
    }

    #[test]
    fn an_empty_portal_gets_everything_created() {
        let files = [file(Kind::Json, "a"), file(Kind::Dictionary, "d")];
        let acts = decide(None, &Map::new(), &[], &files, &id("2024-03"));
        assert_eq!(
            names(&acts),
            ["dataset", "create", "create", "update-dataset"],
            "created marked, the mark removed by the last write"
        );
        assert!(matches!(acts[1], Action::Create { file, .. } if file.kind == Kind::Dictionary));
    }

    #[test]
    fn same_hash_same_edition_is_left_alone() {
        let files = [file(Kind::Json, "a")];
        let remote = [remote(Kind::Json, true, "2024-03", "a")];
        let acts = latest_actions(&remote, &files[0], &id("2024-03"));
        assert_eq!(names(&acts), ["same"]);
        let files = [file(Kind::Json, "b")];
        let acts = latest_actions(&remote, &files[0], &id("2024-03"));
        assert_eq!(names(&acts), ["replace-true"]);
    }

    #[test]
    fn a_newer_edition_keeps_the_old_file_once() {
        let f = file(Kind::Costs, "new");
        let mut portal = vec![remote(Kind::Costs, true, "2023-09", "old")];
        let acts = latest_actions(&portal, &f, &id("2024-03"));
        assert_eq!(names(&acts), ["keep-2023-09", "replace-true"]);
        // Interrupted after the copy: the rerun only replaces.
        portal.push(remote(Kind::Costs, false, "2023-09", "old"));
        let acts = latest_actions(&portal, &f, &id("2024-03"));
        assert_eq!(names(&acts), ["replace-true"]);
    }

    #[test]
    fn an_older_edition_only_adds_its_own_files() {
        let files = [file(Kind::Measures, "m"), file(Kind::Dictionary, "d")];
        let portal = [
            remote(Kind::Measures, true, "2024-03", "x"),
            remote(Kind::Dictionary, true, "2024-03", "d"),
        ];
        let dataset = json!({"name": "042030-dx-action-plan", "state": "active"});
        let acts = decide(Some(&dataset), &Map::new(), &portal, &files, &id("2023-09"));
        assert_eq!(names(&acts), ["mark", "same", "create-edition"]);
        let mut portal = portal.to_vec();
        portal.push(remote(Kind::Measures, false, "2023-09", "m"));
        let acts = decide(Some(&dataset), &Map::new(), &portal, &files, &id("2023-09"));
        assert_eq!(names(&acts), ["same", "same", "same"]);
    }

    #[test]
    fn the_latest_data_package_is_replaced_after_the_files() {
        let files = [
            file(Kind::Json, "j2"),
            file(Kind::DataPackage, "p2"),
            file(Kind::Measures, "m2"),
        ];
        let portal = [
            remote(Kind::Json, true, "2023-09", "j1"),
            remote(Kind::DataPackage, true, "2023-09", "p1"),
            remote(Kind::Measures, true, "2023-09", "m1"),
        ];
        let d = json!({"name": "n", "state": "active"});
        let acts = decide(Some(&d), &Map::new(), &portal, &files, &id("2024-03"));
        assert_eq!(
            names(&acts),
            [
                "mark",
                "keep-2023-09",
                "keep-2023-09",
                "replace-true",
                "keep-2023-09",
                "replace-true",
                "replace-true",
                "update-dataset"
            ]
        );
        assert!(matches!(acts[1], Action::Keep(ref r) if r.kind == Kind::DataPackage));
        assert!(matches!(acts[6], Action::Replace { file, .. } if file.kind == Kind::DataPackage));
    }

    #[test]
    fn a_marked_dataset_is_finished_and_unmarked() {
        let files = [file(Kind::Json, "a")];
        let portal = [remote(Kind::Json, true, "2024-03", "a")];
        let marked = json!({
            "name": "042030-dx-action-plan", "state": "active",
            "extras": [{"key": "dxplan_status", "value": "更新中"}],
        });
        // Every file in place: only the metadata write, which unmarks.
        let mut fields = Map::new();
        fields.insert("extras".into(), json!([]));
        let acts = decide(Some(&marked), &fields, &portal, &files, &id("2024-03"));
        assert_eq!(names(&acts), ["same", "update-dataset"]);
        // A file still old: replaced without marking twice, then unmarked.
        let files = [file(Kind::Json, "b")];
        let acts = decide(Some(&marked), &fields, &portal, &files, &id("2024-03"));
        assert_eq!(names(&acts), ["replace-true", "update-dataset"]);
    }

    #[test]
    fn an_older_edition_unmarks_only_a_settled_dataset() {
        let files = [file(Kind::Json, "old")];
        let extras = |e: &str| json!([{"key": "edition", "value": e}, {"key": "dxplan_status", "value": "更新中"}]);
        let all_latest: Vec<Remote> = Kind::ALL
            .iter()
            .map(|k| remote(*k, true, "2024-03", "x"))
            .collect();
        let d = json!({"name": "n", "state": "active", "extras": extras("2024-03")});
        let mut portal = all_latest.clone();
        portal.push(remote(Kind::Json, false, "2023-09", "old"));
        let acts = decide(Some(&d), &Map::new(), &portal, &files, &id("2023-09"));
        assert_eq!(names(&acts), ["same", "settle"]);
        // Cut off half-way through a newer edition: the mark stays.
        portal[1].edition = "2023-09".into();
        let acts = decide(Some(&d), &Map::new(), &portal, &files, &id("2023-09"));
        assert_eq!(names(&acts), ["same", "same"]);
    }

    #[test]
    fn dataset_fields_are_compared_as_sets() {
        let mut want = Map::new();
        want.insert("title".into(), json!("t"));
        want.insert("tags".into(), json!([{"name": "a"}, {"name": "b"}]));
        want.insert("extras".into(), json!([{"key": "k", "value": "v"}]));
        let have = json!({
            "state": "active", "title": "t",
            "tags": [{"name": "b", "id": "1"}, {"name": "a", "id": "2"}],
            "extras": [{"key": "k", "value": "v", "state": "active"}],
        });
        assert!(!needs_update(&have, &want));
        let mut deleted = have.clone();
        deleted["state"] = json!("deleted");
        assert!(needs_update(&deleted, &want));
        let mut other = have;
        other["extras"] = json!([{"key": "k", "value": "w"}]);
        assert!(needs_update(&other, &want));
    }
}
