//! Brand rules: brand.yaml validation, the lint of the course's own text,
//! post cards and the brand page.

mod common;

use brandcamp::diagnostics::{Diagnostic, Severity};
use common::{TestCourse, describe, error_containing, place};

const BRAND: &str = "name: Acme
terms:
  - use: Acme
    avoid: [ACME, Acme Inc]
    why: One word, one capital.
  - avoid: [guaranteed]
    why: No promises.
hashtags:
  required: ['#AcmeLife']
  avoid: ['#ad']
platforms:
  x: { max_length: 280 }
  tiny: { max_length: 20 }
";

/// A course with `brand.yaml` (BRAND with `lint:` appended) and one lesson.
fn course(lint: &str, lesson: &str) -> TestCourse {
    let brand = format!("{BRAND}lint: {lint}\n");
    TestCourse::new(&[
        ("brand.yaml", brand.as_str()),
        ("01-intro/module.yaml", "title: Intro\n"),
        ("01-intro/01-a.md", lesson),
    ])
}

/// A course whose brand.yaml is `brand`, checked.
fn brand_errors(brand: &str) -> (TestCourse, Vec<Diagnostic>) {
    let course = TestCourse::new(&[
        ("brand.yaml", brand),
        ("01-intro/module.yaml", "title: Intro\n"),
        ("01-intro/01-a.md", "Hello.\n"),
    ]);
    let outcome = course.check();
    let errors = outcome
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    (course, errors)
}

fn only_error(brand: &str, needle: &str) -> (String, Option<usize>, Diagnostic) {
    let (course, errors) = brand_errors(brand);
    let found: Vec<&Diagnostic> = errors
        .iter()
        .filter(|d| d.message.contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "{needle:?} in:\n{}", describe(&errors));
    let (file, line) = place(&course, found[0]);
    (file, line, found[0].clone())
}

fn hint(d: &Diagnostic) -> &str {
    d.hint.as_deref().unwrap_or_default()
}

// ---- brand.yaml ----

#[test]
fn unknown_brand_key_is_reported_at_its_line_with_a_suggestion() {
    let (file, line, d) = only_error(
        "name: Acme\nhashtag:\n  required: ['#A']\n",
        "unknown key `hashtag`",
    );
    assert_eq!((file.as_str(), line), ("brand.yaml", Some(2)));
    assert!(
        hint(&d).contains("did you mean `hashtags`?"),
        "{}",
        hint(&d)
    );
}

#[test]
fn a_spelling_both_right_and_avoided_is_reported_at_the_avoid_entry() {
    let text = "name: Acme\nterms:\n  - use: Acme\n    avoid:\n      - Acme Inc\n      - Acme\n";
    let (file, line, _) = only_error(text, "both a spelling to avoid and");
    assert_eq!((file.as_str(), line), ("brand.yaml", Some(6)));
}

#[test]
fn a_platform_without_a_positive_max_length_is_reported_at_it() {
    let text = "name: Acme\nplatforms:\n  x: { max_length: 280 }\n  linkedin:\n    max_length: 0\n";
    let (_, line, _) = only_error(text, "`linkedin` has a max_length of 0");
    assert_eq!(line, Some(5));
    let (_, line, _) = only_error(
        "name: Acme\nplatforms:\n  x: {}\n",
        "missing required key `max_length`",
    );
    assert_eq!(line, Some(3));
}

#[test]
fn a_hashtag_without_its_sign_is_reported_with_the_fix() {
    let text = "name: Acme\nhashtags:\n  required:\n    - '#AcmeLife'\n    - AcmeTeam\n";
    let (_, line, d) = only_error(text, "`AcmeTeam` is not a hashtag");
    assert_eq!(line, Some(5));
    assert!(hint(&d).contains("`#AcmeTeam`"), "{}", hint(&d));
}

#[test]
fn empty_avoid_lists_are_reported() {
    let text = "name: Acme\nterms:\n  - use: Acme\n    avoid: []\nhashtags:\n  avoid: []\n";
    let (_, line, _) = only_error(text, "empty `avoid` list");
    assert_eq!(line, Some(4));
    let (_, line, _) = only_error(text, "`hashtags: avoid` is an empty list");
    assert_eq!(line, Some(6));
}

#[test]
fn an_unknown_lint_level_suggests_the_right_one() {
    let (_, line, d) = only_error("name: Acme\nlint: warning\n", "unknown value `warning`");
    assert_eq!(line, Some(2));
    assert!(hint(&d).contains("did you mean `warn`?"), "{}", hint(&d));
}

#[test]
fn a_hashtag_both_required_and_avoided_is_reported() {
    let text = "name: Acme\nhashtags:\n  required: ['#AcmeLife']\n  avoid: ['#acmelife']\n";
    let (_, line, _) = only_error(text, "both required and to avoid");
    assert_eq!(line, Some(4));
}

#[test]
fn a_spelling_to_avoid_inside_the_right_one_is_reported() {
    let text = "name: Acme\nterms:\n  - use: Acme Pay\n    avoid: [Pay]\n";
    let (_, line, _) = only_error(text, "contains `Pay`, a spelling to avoid");
    assert_eq!(line, Some(3));
}

#[test]
fn a_platform_name_in_capitals_is_reported_with_its_lower_case_form() {
    let (_, line, d) = only_error(
        "name: Acme\nplatforms:\n  LinkedIn: { max_length: 3000 }\n",
        "`LinkedIn` cannot be written after `post`",
    );
    assert_eq!(line, Some(3));
    assert!(hint(&d).contains("`linkedin`"), "{}", hint(&d));
}

// ---- the lint ----

#[test]
fn a_misspelt_brand_in_a_lesson_is_reported_at_its_line_and_column() {
    let course = course(
        "warn",
        "# Title\n\nWelcome to the\nworld of l'ACME training.\n",
    );
    let outcome = course.check();
    assert!(outcome.succeeded(), "{}", describe(&outcome.diagnostics));
    let d = &outcome.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.location(),
        format!(
            "{}:4:12",
            course.course_dir().join("01-intro/01-a.md").display()
        )
    );
    assert_eq!(d.width, 4);
    assert!(d.message.contains("write `Acme`"), "{}", d.message);
    assert!(hint(d).contains("One word, one capital."), "{}", hint(d));
}

#[test]
fn columns_count_characters_and_front_matter_lines() {
    let course = course(
        "warn",
        "---\ntitle: \"Été chez ACME\"\n---\n\nÀ côté, « guaranteed ».\n",
    );
    let outcome = course.check();
    let places: Vec<String> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            d.location()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(places, ["01-a.md:2:18", "01-a.md:5:11"]);
}

#[test]
fn with_lint_error_the_build_fails() {
    let course = course("error", "Hello from ACME.\n");
    let outcome = course.build();
    assert!(!outcome.succeeded());
    let d = error_containing(&outcome, "`ACME` is not how the brand writes it");
    assert_eq!(place(&course, d), ("01-intro/01-a.md".into(), Some(1)));
    assert!(!course.out_dir().join("index.html").exists());
}

#[test]
fn with_lint_warn_the_build_succeeds_and_prints_the_warning() {
    let course = course("warn", "Hello from ACME.\n");
    let output = course.run(&["build", "course", "--out", "public"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: `ACME` is not how the brand writes it: write `Acme`"),
        "{stderr}"
    );
    assert!(stderr.contains("01-a.md:1:12"), "{stderr}");
    assert!(stderr.contains("1 warning"), "{stderr}");
    assert!(course.out_dir().join("index.html").exists());
}

#[test]
fn with_lint_off_nothing_is_reported() {
    let course = course("off", "Hello from ACME, guaranteed.\n");
    assert_eq!(course.check().diagnostics, vec![]);
}

#[test]
fn bad_post_examples_code_and_web_addresses_are_not_linted() {
    let lesson = "Write `ACME` never.\n\n```\nACME guaranteed\n```\n\n    ACME indented\n\n\
```post x bad\nACME guaranteed! #ad\n```\n\nSee <https://acme.example/guaranteed> and https://ACME.example.\n";
    let outcome = course("error", lesson).build();
    assert!(outcome.succeeded(), "{}", describe(&outcome.diagnostics));
    assert_eq!(outcome.diagnostics, vec![]);
}

#[test]
fn a_good_post_example_is_checked_against_every_rule() {
    let lesson = "Intro.\n\n```post tiny\nHello from ACME, with #ad and more words\n```\n";
    let course = course("warn", lesson);
    let outcome = course.check();
    let found: Vec<(usize, usize, &str)> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let p = d.position.unwrap_or_default();
            (
                p.line,
                p.column,
                d.message.split(':').next().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (3, 1, "this post lacks the required hashtag `#AcmeLife`"),
            (4, 12, "`ACME` is not how the brand writes it"),
            (
                4,
                21,
                "this post is 40 characters long, over the limit of 20"
            ),
            (
                4,
                23,
                "`#ad` is a hashtag to avoid (brand.yaml lists `#ad`)"
            ),
        ],
        "{}",
        describe(&outcome.diagnostics)
    );
}

#[test]
fn quiz_texts_are_linted_but_not_the_answers_they_accept() {
    let course = course("warn", "Hello.\n");
    course.write(
        "01-intro/quiz.yaml",
        "title: Quiz\nquestions:\n  - type: text\n    prompt: |\n      How do we write\n      ACME?\n    accept: [ACME, Acme]\n    explanation: \"We never write `ACME`.\"\n",
    );
    let outcome = course.check();
    let places: Vec<(String, Option<usize>)> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("ACME"))
        .map(|d| place(&course, d))
        .collect();
    assert_eq!(places, [("01-intro/quiz.yaml".to_string(), Some(6))]);
    assert_eq!(outcome.diagnostics[0].position.map(|p| p.column), Some(7));
}

#[test]
fn module_titles_and_summaries_are_linted() {
    let course = TestCourse::new(&[
        ("brand.yaml", BRAND),
        (
            "01-intro/module.yaml",
            "title: Working at ACME\nsummary: |\n  Nothing is\n  guaranteed.\n",
        ),
        ("01-intro/01-a.md", "Hello.\n"),
    ]);
    let outcome = course.check();
    let places: Vec<(String, Option<usize>)> = outcome
        .diagnostics
        .iter()
        .map(|d| place(&course, d))
        .collect();
    assert_eq!(
        places,
        [
            ("01-intro/module.yaml".to_string(), Some(1)),
            ("01-intro/module.yaml".to_string(), Some(4))
        ]
    );
}

#[test]
fn the_bundled_course_follows_its_own_brand_rules() {
    let outcome = brandcamp::site::build(&brandcamp::site::BuildOptions {
        course_dir: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        output: None,
        drafts: false,
    });
    assert!(outcome.succeeded(), "{}", describe(&outcome.diagnostics));
    assert_eq!(
        outcome.diagnostics,
        vec![],
        "{}",
        describe(&outcome.diagnostics)
    );
}

// ---- post cards ----

#[test]
fn post_cards_show_the_author_the_count_and_the_tokens() {
    let course = course(
        "warn",
        "```post x\nHi @team, meet Acme! 👋🏽 #AcmeLife\n```\n",
    );
    course.build_ok();
    let page = course.page("intro/a.html");
    assert!(page.contains("class=\"post-card\""), "{page}");
    assert!(page.contains("<span class=\"post-card-name\">Acme</span>"));
    assert!(
        page.contains("@Acme · <span class=\"post-card-account\">official account</span> · X"),
        "{page}"
    );
    assert!(page.contains("<span class=\"post-mention\">@team</span>"));
    assert!(page.contains("<span class=\"post-hashtag\">#AcmeLife</span>"));
    // 32 characters as a person counts them: the emoji with its skin tone is one.
    assert!(page.contains(">32 / 280<"), "{page}");
    assert!(!page.contains("post-card-bad"));
}

#[test]
fn bad_post_cards_carry_a_label_and_say_what_is_wrong() {
    let course = course("warn", "```post x bad\n<b>ACME</b> guaranteed #ad\n```\n");
    course.build_ok();
    let page = course.page("intro/a.html");
    assert!(page.contains("post-card post-card-bad"));
    assert!(page.contains("class=\"post-card-label\""));
    assert!(page.contains("Bad example"));
    assert!(
        page.contains("<mark class=\"post-flag\">ACME</mark>"),
        "{page}"
    );
    assert!(page.contains("The hashtag #AcmeLife is missing."));
    assert!(page.contains("“guaranteed”: a term to avoid."));
    assert!(page.contains("No promises."));
    // The text is escaped, never inserted as HTML.
    assert!(page.contains("&lt;b&gt;"));
    assert!(!page.contains("<b>ACME"));
}

#[test]
fn post_cards_name_their_author_and_kind_of_account() {
    let lesson = "```post x bad account=public author=\"Karim B.\" handle=\"@karim_b\"\nACME again, 20 minutes late #ad\n```\n\n\
                  ```post x account=employee author=\"Inès M.\"\nProud of my team at Acme!\n```\n\n\
                  ```post x account=employee\nHello\n```\n";
    let course = course("error", lesson);
    course.build_ok();
    let page = course.page("intro/a.html");
    // A member of the public: their name, handle and initials, not the brand's.
    assert!(
        page.contains("<span class=\"post-card-name\">Karim B.</span>"),
        "{page}"
    );
    assert!(
        page.contains("@karim_b · <span class=\"post-card-account\">member of the public</span>")
    );
    assert!(page.contains("post-card-avatar-public\" aria-hidden=\"true\">KB<"));
    // The brand's rules are not theirs: nothing is listed as breaking them.
    assert!(!page.contains("#AcmeLife is missing"), "{page}");
    assert!(!page.contains("<mark class=\"post-flag\">ACME</mark>"));
    // An employee's personal account: no handle unless given, no required hashtag.
    assert!(page.contains("<span class=\"post-card-name\">Inès M.</span>"));
    assert!(page.contains("<span class=\"post-card-name\">An employee</span>"));
    assert!(page.contains("Example post by Inès M. (personal account)"));
    assert_eq!(
        page.matches("@Acme").count(),
        0,
        "no card is signed by the brand"
    );
}

#[test]
fn the_lint_checks_a_personal_post_against_the_rules_of_its_account_and_says_so() {
    let lesson = "```post x account=employee\nProud of ACME today\n```\n\n```post x account=public\nACME #ad\n```\n";
    let course = course("warn", lesson);
    let outcome = course.check();
    let messages: Vec<&str> = outcome
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    // The spelling applies to an employee; the required hashtag does not;
    // a member of the public follows only the platform's limit.
    assert_eq!(
        messages,
        ["`ACME` is not how the brand writes it: write `Acme`"],
        "{}",
        describe(&outcome.diagnostics)
    );
    assert!(
        hint(&outcome.diagnostics[0])
            .contains("Checked as a post of an employee's personal account (account=employee)")
    );
}

#[test]
fn brand_yaml_says_which_rules_each_kind_of_account_follows() {
    let brand = format!("{BRAND}accounts:\n  employee: [length, required_hashtags]\n");
    let course = TestCourse::new(&[
        ("brand.yaml", brand.as_str()),
        ("01-intro/module.yaml", "title: Intro\n"),
        (
            "01-intro/01-a.md",
            "```post x account=employee\nProud of ACME today\n```\n",
        ),
    ]);
    let outcome = course.check();
    let messages: Vec<&str> = outcome
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        ["this post lacks the required hashtag `#AcmeLife`"]
    );
    let (_, errors) = brand_errors(&format!(
        "{BRAND}accounts:\n  employe: [length]\n  public: [lenght]\n"
    ));
    let text = describe(&errors);
    assert!(text.contains("employe"), "{text}");
}

#[test]
fn a_wrong_account_in_a_post_block_is_an_error_with_a_suggestion() {
    let course = course(
        "warn",
        "Intro.\n\n```post x account=employe autor=\"Bob\"\nHello #AcmeLife\n```\n",
    );
    let outcome = course.check();
    let d = error_containing(&outcome, "`employe` is not a kind of account");
    assert_eq!(place(&course, d), ("01-intro/01-a.md".into(), Some(3)));
    assert!(
        hint(d).contains("did you mean `account=employee`?"),
        "{}",
        hint(d)
    );
    let d = error_containing(&outcome, "`autor=` is not understood");
    assert!(hint(d).contains("did you mean `author=`?"), "{}", hint(d));
}

#[test]
fn an_unknown_platform_is_an_error_at_the_block_with_a_suggestion() {
    let course = course("warn", "Intro.\n\n```post tinny\nHello #AcmeLife\n```\n");
    let outcome = course.check();
    let d = error_containing(&outcome, "there is no platform `tinny`");
    assert_eq!(place(&course, d), ("01-intro/01-a.md".into(), Some(3)));
    assert!(hint(d).contains("did you mean `tiny`?"), "{}", hint(d));
}

#[test]
fn without_brand_yaml_post_cards_and_checks_use_the_built_in_platforms_and_there_is_no_brand_page()
{
    let course = TestCourse::new(&[
        ("course.yaml", "title: T\norganization: Lorvan Mobilités\n"),
        ("01-intro/module.yaml", "title: Intro\n"),
        ("01-intro/01-a.md", "```post linkedin\nHello ACME\n```\n"),
    ]);
    let outcome = course.build_ok();
    assert_eq!(outcome.diagnostics, vec![]);
    let page = course.page("intro/a.html");
    assert!(
        page.contains("@LorvanMobilites · <span class=\"post-card-account\">official account</span> · LinkedIn"),
        "{page}"
    );
    assert!(page.contains(">10 / 3000<"), "{page}");
    assert!(!course.out_dir().join("brand.html").exists());
    // Post questions can still be checked against the platforms' limits.
    let rules = course.page("assets/brand-rules.js");
    assert!(rules.contains("\"terms\":[]"), "{rules}");
    assert!(rules.contains("\"name\":\"linkedin\""), "{rules}");
    assert!(!course.page("index.html").contains("brand.html"));
}

// ---- the brand page ----

#[test]
fn the_brand_page_shows_the_rules_and_is_linked_from_every_page() {
    let course = TestCourse::fixture("brand-course");
    course.build_ok();
    let page = course.page("brand.html");
    for shown in [
        "Acme Inc",
        "One word, one capital.",
        "Legal: we make no guarantees in public.",
        "#AcmeLife",
        "#fail",
        "never sarcastic",
        "Tiny",
        "data-brand-try",
        "assets/brandcamp.js",
    ] {
        assert!(page.contains(shown), "{shown} missing from the brand page");
    }
    // The rules the live checker uses come in the page's script bundle.
    assert!(course.page("assets/brandcamp.js").contains("AcmeLife"));
    assert!(course.page("index.html").contains("href=\"brand.html\""));
    assert!(
        course
            .page("voice/posts.html")
            .contains("href=\"../brand.html\"")
    );
    let rules = course.page("assets/brand-rules.js");
    assert!(rules.starts_with("window.BRANDCAMP_BRAND = {"), "{rules}");
    assert!(rules.contains("\"brand_problem_term\""));
    assert!(rules.contains("\"max_length\":280"));
}

#[test]
fn interface_strings_have_the_same_keys_in_english_and_french() {
    let keys = |language: &str| -> Vec<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("themes/default/i18n/{language}.yaml"));
        let text = std::fs::read_to_string(path).expect("strings");
        let map: std::collections::BTreeMap<String, String> =
            serde_yaml::from_str(&text).expect("valid YAML");
        map.into_keys().collect()
    };
    let (en, fr) = (keys("en"), keys("fr"));
    assert!(en.iter().any(|k| k.starts_with("brand_")));
    assert_eq!(en, fr);
}
