//! The configuration file and `pyq --paths`.

mod common;

use common::{TestEnv, code, json, stderr, stdout};
use serde_json::Value;

fn paths(env: &TestEnv, extra: &[&str], vars: &[(&str, &str)]) -> Vec<Value> {
    let mut cmd = env.command();
    cmd.args(extra).args(["--paths", "--json"]);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json(&o)
}

fn row<'a>(rows: &'a [Value], what: &str, nth: usize) -> &'a Value {
    rows.iter()
        .filter(|r| r["what"] == what)
        .nth(nth)
        .unwrap_or_else(|| panic!("no {what} row {nth}: {rows:?}"))
}

#[test]
fn paths_says_where_each_setting_came_from() {
    let env = TestEnv::new();
    let file_guides = env.guide("from-file", "a.md", "# A\n");
    let env_guides = env.guide("from-env", "b.md", "# B\n");
    let flag_guides = env.guide("from-flag", "c.md", "# C\n");

    // environment (the test environment sets PYQ_INDEX_DIR and PYQ_CONFIG)
    let rows = paths(&env, &[], &[]);
    assert_eq!(row(&rows, "config", 0)["source"], "environment");
    assert_eq!(row(&rows, "config", 0)["note"], "not present");
    assert_eq!(row(&rows, "index", 0)["source"], "environment");
    assert_eq!(row(&rows, "guides", 0)["source"], "default");
    assert!(!env.index_dir().exists(), "paths builds nothing");

    // the file
    let index_from_file = env.dir.path().join("file-index");
    std::fs::write(
        env.config_file(),
        format!(
            "guides = [{:?}]\nindex_dir = {:?}\n",
            file_guides.to_str().unwrap(),
            index_from_file.to_str().unwrap()
        ),
    )
    .unwrap();
    let rows = paths(&env, &[], &[]);
    assert_eq!(row(&rows, "config", 0)["note"], "read");
    assert_eq!(row(&rows, "guides", 1)["source"], "config file");
    assert_eq!(
        row(&rows, "guides", 1)["path"],
        file_guides.to_str().unwrap()
    );
    let mut cmd = env.command();
    cmd.env_remove("PYQ_INDEX_DIR").args(["--paths", "--json"]);
    let rows = json(&cmd.output().unwrap());
    assert_eq!(row(&rows, "index", 0)["source"], "config file");
    assert_eq!(
        row(&rows, "index", 0)["path"],
        index_from_file.to_str().unwrap()
    );

    // flag and environment before the file, in that order
    let rows = paths(
        &env,
        &[
            "--guides",
            flag_guides.to_str().unwrap(),
            "--index-dir",
            "/tmp/flag-index",
        ],
        &[("PYQ_GUIDES", env_guides.to_str().unwrap())],
    );
    assert_eq!(row(&rows, "index", 0)["source"], "flag");
    let sources: Vec<&str> = rows
        .iter()
        .filter(|r| r["what"] == "guides")
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["default", "flag", "environment", "config file"]);

    // the default, when nothing names a config file
    let mut cmd = env.command();
    cmd.env_remove("PYQ_CONFIG")
        .env_remove("PYQ_INDEX_DIR")
        .env("HOME", env.dir.path())
        .env("XDG_CONFIG_HOME", env.dir.path().join("xdg"));
    let rows = json(&cmd.args(["--paths", "--json"]).output().unwrap());
    assert_eq!(row(&rows, "config", 0)["source"], "default");
    assert!(
        row(&rows, "config", 0)["path"]
            .as_str()
            .unwrap()
            .ends_with("config.toml")
    );
    assert_eq!(row(&rows, "index", 0)["source"], "default");
    let text = stdout(&env.run(&["--paths"]));
    assert!(text.lines().count() >= 3 && text.contains("config") && text.contains("index"));
}

#[test]
fn the_file_sets_defaults_that_flags_override() {
    let env = TestEnv::new();
    let guides = env.guide(
        "notes",
        "zz.md",
        "# Capybara facts\n\nCapybaras are large rodents.\n",
    );
    std::fs::write(
        env.config_file(),
        format!(
            "guides = [{:?}]\nlimit = 2\ncolor = \"always\"\n",
            guides.to_str().unwrap()
        ),
    )
    .unwrap();
    let o = env.run(&["-l", "decorator"]);
    assert_eq!(stdout(&o).lines().count(), 2, "limit from the file");
    let o = env.run(&["-l", "-n", "3", "decorator"]);
    assert_eq!(stdout(&o).lines().count(), 3, "the flag wins");
    let o = env.run(&["capybara"]);
    assert!(
        o.stdout.contains(&0x1b),
        "colour from the file, even in a pipe"
    );
    let o = env.run(&["--color", "never", "--json", "capybara"]);
    assert_eq!(json(&o)[0]["guide"], "zz.md", "guides from the file");
}

#[test]
fn a_broken_config_file_is_named_with_the_fix() {
    let env = TestEnv::new();
    std::fs::write(env.config_file(), "colour = \"never\"\n").unwrap();
    let o = env.run(&["gil"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("config.toml") && err.contains("colour") && err.contains("fix:"),
        "{err}"
    );
}
