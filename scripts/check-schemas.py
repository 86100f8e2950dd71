#!/usr/bin/env python3
"""Checks the JSON Schemas of `brandcamp schema` against what brandcamp reads.

    python3 scripts/check-schemas.py BRANDCAMP CHECK_JSONSCHEMA

1. Every course that `brandcamp check` accepts (the bundled course, every
   fixture course, the small and example courses of `brandcamp new`) has
   every YAML file valid against its schema: course.yaml, module.yaml,
   quiz.yaml, brand.yaml, and each lesson's front matter.
2. Files with the mistakes a trainer makes (an unknown key, an unknown
   question type, a key of another question type, a wrong value type) are
   refused by the schema, as brandcamp refuses them.

Exits 1 with what disagreed.
"""

import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

SCHEMA_OF = {
    "course.yaml": "course.schema.json",
    "module.yaml": "module.schema.json",
    "quiz.yaml": "quiz.schema.json",
    "brand.yaml": "brand.schema.json",
}

# Each: the schema, the file's text, what is wrong in it.
REFUSED = [
    ("course.schema.json", "title: T\npas_mark: 80\n", "a misspelt key"),
    ("course.schema.json", "title: T\ncertificate: yes please\n", "certificate neither a bool nor a map"),
    ("course.schema.json", "title: T\nreview: sometimes\n", "an unknown review value"),
    ("module.schema.json", "title: M\nrequires: intro\n", "requires not a list"),
    ("quiz.schema.json", "questions:\n  - type: singel\n    prompt: P\n", "an unknown question type"),
    ("quiz.schema.json", "questions:\n  - prompt: P\n    choices: [{text: a, correct: true}]\n", "a question without type"),
    ("quiz.schema.json", "questions:\n  - type: single\n    prompt: P\n    items: [a, b]\n    choices: [{text: a, correct: true}]\n", "a key of another question type"),
    ("quiz.schema.json", "questions:\n  - type: numeric\n    prompt: P\n    answer: three\n", "a number written as a word"),
    ("quiz.schema.json", "questions:\n  - type: post\n    prompt: P\n    platform: x\n    account: boss\n", "an unknown account kind"),
    ("brand.schema.json", "name: N\nlint: loud\n", "an unknown lint level"),
    ("brand.schema.json", "name: N\nlook:\n  colours: {primary: '#000'}\n", "a misspelt look key"),
    ("front-matter.schema.json", "title: T\ndraf: true\n", "a misspelt front-matter key"),
]


def run(*args, **kwargs):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)


def front_matter(path):
    """The YAML between the opening and closing `---` lines, or None."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1:i]) + "\n"
    return None


def main():
    brandcamp, check = sys.argv[1], sys.argv[2]
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        schemas = tmp / "schemas"
        made = run(brandcamp, "schema", schemas)
        if made.returncode != 0:
            sys.exit(f"brandcamp schema failed:\n{made.stderr}")

        courses = [ROOT / "content"]
        courses += sorted(p.parent for p in (ROOT / "tests" / "fixtures").glob("*/course.yaml"))
        for starter in ([], ["--example"]):
            target = tmp / ("new" + "".join(starter))
            run(brandcamp, "new", target, *starter)
            courses.append(target)

        checked = 0
        for course in courses:
            if run(brandcamp, "check", course, "--drafts").returncode != 0:
                continue  # a fixture of mistakes: brandcamp refuses it too
            by_schema = {}
            for name, schema in SCHEMA_OF.items():
                by_schema.setdefault(schema, []).extend(sorted(course.rglob(name)))
            for i, lesson in enumerate(sorted(course.rglob("*.md"))):
                yaml = front_matter(lesson)
                if yaml is not None:
                    copy = tmp / "front" / course.name / f"{i}-{lesson.stem}.yaml"
                    copy.parent.mkdir(parents=True, exist_ok=True)
                    copy.write_text(yaml, encoding="utf-8")
                    by_schema.setdefault("front-matter.schema.json", []).append(copy)
            for schema, files in by_schema.items():
                if not files:
                    continue
                checked += len(files)
                result = run(check, "--schemafile", schemas / schema, *files)
                if result.returncode != 0:
                    problems.append(f"{course}: brandcamp accepts it, {schema} refuses:\n{result.stdout}{result.stderr}")

        for schema, text, what in REFUSED:
            bad = tmp / "refused.yaml"
            bad.write_text(text, encoding="utf-8")
            if run(check, "--schemafile", schemas / schema, bad).returncode == 0:
                problems.append(f"{schema} accepts {what}:\n{text}")

    if problems:
        print("\n\n".join(problems))
        sys.exit(1)
    print(f"schemas agree with brandcamp: {checked} files of {len(courses)} courses valid, {len(REFUSED)} mistakes refused")


if __name__ == "__main__":
    main()
