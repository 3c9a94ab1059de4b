//! Whether a plan may be published under `--approved-only` (and from the
//! review page, which publishes only approved plans): approved in its
//! review for the file as read now.

use std::path::Path;

use dxplan::i18n::{Lang, t};
use dxplan::model::Plan;

/// `None` when `plan` (read from `input`, its review applied) is approved
/// for the file as read; else why not, in `lang` (no review file, not
/// approved, approved for other bytes, corrections gone stale).
pub fn refusal(input: &Path, plan: &Plan, lang: Lang) -> Option<String> {
    Some(match &plan.review {
        Some(r) if r.approved_as_read() => return None,
        None => {
            let review = dxplan::review::review_path(input);
            let name = review.file_name().unwrap_or_default().to_string_lossy();
            t!(lang, "publish-no-review", review = name.into_owned())
        }
        Some(r) if !r.approved => t!(
            lang,
            "publish-review-not-approved",
            review = r.file.as_str()
        ),
        Some(r) if r.source_changed => t!(
            lang,
            "publish-review-other-source",
            review = r.file.as_str()
        ),
        Some(r) => t!(
            lang,
            "publish-review-stale",
            review = r.file.as_str(),
            count = r.stale
        ),
    })
}
