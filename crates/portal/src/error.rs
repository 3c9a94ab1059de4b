//! What can go wrong when publishing: one line each, Japanese then English,
//! naming the server, the organization or the file concerned. The token is
//! never part of a message.

/// A publishing failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PortalError {
    #[error(
        "CA 証明書のファイル {file} を読めません / cannot read the CA certificates in {file}: {detail}"
    )]
    CaCert { file: String, detail: String },
    #[error("CKAN に接続できません / cannot reach CKAN at {url}: {detail}")]
    Unreachable { url: String, detail: String },
    #[error(
        "API トークンがありません。環境変数 CKAN_API_TOKEN に設定してください / no API token: set the environment variable CKAN_API_TOKEN"
    )]
    TokenMissing,
    #[error("CKAN が API トークンを受け付けませんでした / CKAN refused the API token: {0}")]
    TokenRefused(String),
    #[error(
        "組織 {0} が CKAN にありません。CKAN の管理者に作成を依頼するか、--organization の名前を確かめてください / organization {0} does not exist on this CKAN"
    )]
    OrganizationMissing(String),
    #[error(
        "データセット {dataset} は別の組織 ({owner}) のものです / dataset {dataset} belongs to another organization ({owner})"
    )]
    OtherOwner { dataset: String, owner: String },
    #[error("CKAN が内容を受け付けませんでした / CKAN refused {what}: {message}")]
    Validation { what: String, message: String },
    #[error(
        "ファイルが大きすぎて CKAN が受け付けませんでした / {file} is too large for this CKAN ({size} bytes): {message}"
    )]
    TooLarge {
        file: String,
        size: usize,
        message: String,
    },
    #[error("CKAN がエラーを返しました / CKAN answered HTTP {status} to {action}: {message}")]
    Server {
        status: u16,
        action: String,
        message: String,
    },
    #[error("CKAN の応答を読めません / unreadable answer from CKAN to {action}: {detail}")]
    BadAnswer { action: String, detail: String },
    #[error("この計画は公開できません / cannot publish this plan: {0}")]
    Unpublishable(String),
    #[error("公開用のファイルを作れません / cannot render the files: {0}")]
    Render(#[from] dxplan::error::WriteError),
}
