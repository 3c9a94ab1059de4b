pub fn run(_a: super::ReportArgs) -> anyhow::Result<std::process::ExitCode> { anyhow::bail!("todo") }
