fn main() -> std::process::ExitCode {
    forumdesk::cli::main()
}
