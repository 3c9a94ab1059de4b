//! What can go wrong when publishing: one line each, naming the server, the
//! organization or the file concerned, in the user's language
//! ([`PortalError::message`]; `Display` is the English). The token is never
//! part of a message.

use dxplan::i18n::Lang;
use dxplan::t;

/// A publishing failure.
#[derive(Debug)]
#[non_exhaustive]
pub enum PortalError {
    CaCert {
        file: String,
        detail: String,
    },
    Unreachable {
        url: String,
        detail: String,
    },
    TokenMissing,
    TokenRefused(String),
    OrganizationMissing(String),
    OtherOwner {
        dataset: String,
        owner: String,
    },
    Validation {
        what: String,
        message: String,
    },
    TooLarge {
        file: String,
        size: usize,
        message: String,
    },
    Server {
        status: u16,
        action: String,
        message: String,
    },
    BadAnswer {
        action: String,
        detail: String,
    },
    /// CKAN answered with a redirect (to `to`), which is not followed.
    Redirected {
        action: String,
        to: Option<String>,
    },
    /// A CA certificate file without a certificate.
    NoCertificate {
        file: String,
    },
    /// A file of the portal could not be downloaded.
    DownloadFailed {
        status: u16,
        url: String,
    },
    Unpublishable(Missing),
    Render(dxplan::error::WriteError),
}

/// What a plan lacks to be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The municipality's code (団体コード), which names the dataset.
    Code,
    /// The month of issue or revision, which names the edition.
    Edition,
}

impl Missing {
    /// The reason in `lang`.
    pub fn message(self, lang: Lang) -> String {
        match self {
            Missing::Code => t!(lang, "portal-no-code"),
            Missing::Edition => t!(lang, "portal-no-edition"),
        }
    }
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl PortalError {
    /// The failure in `lang`: one line.
    pub fn message(&self, lang: Lang) -> String {
        use PortalError as P;
        match self {
            P::CaCert { file, detail } => t!(
                lang,
                "portal-ca-cert",
                file = file.as_str(),
                detail = detail.as_str()
            ),
            P::Unreachable { url, detail } => t!(
                lang,
                "portal-unreachable",
                url = url.as_str(),
                detail = detail.as_str()
            ),
            P::TokenMissing => t!(lang, "portal-token-missing"),
            P::TokenRefused(m) => t!(lang, "portal-token-refused", message = m.as_str()),
            P::OrganizationMissing(o) => {
                t!(
                    lang,
                    "portal-organization-missing",
                    organization = o.as_str()
                )
            }
            P::OtherOwner { dataset, owner } => t!(
                lang,
                "portal-other-owner",
                dataset = dataset.as_str(),
                owner = owner.as_str()
            ),
            P::Validation { what, message } => t!(
                lang,
                "portal-validation",
                what = what.as_str(),
                message = message.as_str()
            ),
            P::TooLarge {
                file,
                size,
                message,
            } => t!(
                lang,
                "portal-too-large",
                file = file.as_str(),
                size = size.to_string(),
                message = message.as_str()
            ),
            P::Server {
                status,
                action,
                message,
            } => t!(
                lang,
                "portal-server",
                status = status.to_string(),
                action = action.as_str(),
                message = message.as_str()
            ),
            P::BadAnswer { action, detail } => t!(
                lang,
                "portal-bad-answer",
                action = action.as_str(),
                detail = detail.as_str()
            ),
            P::Redirected { action, to } => match to {
                Some(to) => t!(
                    lang,
                    "portal-redirected",
                    action = action.as_str(),
                    to = to.as_str()
                ),
                None => t!(
                    lang,
                    "portal-redirected-somewhere",
                    action = action.as_str()
                ),
            },
            P::NoCertificate { file } => t!(lang, "portal-no-certificate", file = file.as_str()),
            P::DownloadFailed { status, url } => t!(
                lang,
                "portal-download-failed",
                status = status.to_string(),
                url = url.as_str()
            ),
            P::Unpublishable(m) => t!(lang, "portal-unpublishable", reason = m.message(lang)),
            P::Render(e) => t!(
                lang,
                "portal-render",
                reason = dxplan::i18n::write_error_message(e, lang)
            ),
        }
    }
}

impl std::fmt::Display for PortalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for PortalError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PortalError::Render(e) => Some(e),
            _ => None,
        }
    }
}

impl From<dxplan::error::WriteError> for PortalError {
    fn from(e: dxplan::error::WriteError) -> Self {
        PortalError::Render(e)
    }
}
