"""The validated content, as plain objects for the templates."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path


#: The example home's fixed id (the Results page loads it; nothing is ever saved into it).
EXAMPLE_HOME_ID = "example-home"


@dataclass
class Question:
    id: str
    question: str
    prompts: list[str]
    line: int
    number: int = 0
    theme_id: str = ""


@dataclass
class Theme:
    id: str
    order: int
    title: str
    summary: str
    introduction: str
    why_it_matters: str
    questions: list[Question]
    what_good_looks_like: str
    case_studies: list[str]
    path: Path
    data: dict = field(repr=False)
    quality_statements: list[str] = field(default_factory=list)

    @classmethod
    def from_data(cls, clean: dict, path: Path, raw) -> "Theme":
        questions = []
        for i, q in enumerate(clean["questions"]):
            questions.append(Question(id=q["id"], question=q["question"], prompts=q["prompts"],
                                      line=raw["questions"].line_of(i), number=i + 1, theme_id=clean["id"]))
        return cls(id=clean["id"], order=clean["order"], title=clean["title"], summary=clean["summary"],
                   introduction=clean["introduction"], why_it_matters=clean["why_it_matters"],
                   questions=questions, what_good_looks_like=clean["what_good_looks_like"],
                   case_studies=clean.get("case_studies") or [], path=path, data=raw,
                   quality_statements=clean.get("quality_statements") or [])

    def line_of(self, key: str) -> int:
        return self.data.line_of(key)

    @property
    def url(self) -> str:
        return f"themes/{self.id}.md"


@dataclass
class CaseStudy:
    id: str
    title: str
    organisation: str
    summary: str
    story: str
    learning: str
    themes: list[str]
    path: Path
    data: dict = field(repr=False)

    @classmethod
    def from_data(cls, clean: dict, path: Path, raw) -> "CaseStudy":
        return cls(path=path, data=raw, **{k: clean[k] for k in
                   ("id", "title", "organisation", "summary", "story", "learning", "themes")})

    def line_of(self, key: str) -> int:
        return self.data.line_of(key)

    @property
    def url(self) -> str:
        return f"case-studies/{self.id}.md"


@dataclass
class Toolkit:
    settings: dict
    themes: list[Theme]
    case_studies: list[CaseStudy]
    content_dir: Path
    # content/quality-statements.yml (optional): {"key_questions": [...], "statements": [...]}
    quality: dict = field(default_factory=lambda: {"key_questions": [], "statements": []})

    @property
    def labels(self) -> dict:
        return self.settings["labels"]

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    def case_study(self, study_id: str) -> CaseStudy:
        return next(s for s in self.case_studies if s.id == study_id)

    def question_set(self) -> dict:
        """The machine-readable question set for the client code and exports."""
        s = self.settings
        body = {
            "title": s["title"],
            "version": s["version"],
            "review_months": s["review_months"],
            "rating": {
                "prompt": s["rating"]["prompt"],
                "options": [dict(o) for o in s["rating"]["options"]],
                "not_sure": dict(s["rating"]["not_sure"]),
            },
            "notes": [{"id": n["id"], "label": n["label"]} for n in s["notes"]],
            "theme_notes": [{"id": n["id"], "label": n["label"]} for n in s.get("theme_notes") or []],
            "action_fields": [{k: v for k, v in f.items() if k in ("id", "label", "type", "options")}
                              for f in s["actions"]["fields"]],
            "roles": list(s["round"]["roles"]),
            # looking back at last round's actions (issue 22): what each outcome is called
            # and the status it gives the action
            "look_back": [{k: v for k, v in o.items() if k in ("value", "label", "short", "status")}
                          for o in (s.get("look_back") or {}).get("outcomes") or []],
            "themes": [{
                "id": t.id, "order": t.order, "title": t.title, "url": f"themes/{t.id}",
                "questions": [{"id": q.id, "number": q.number, "question": q.question} for q in t.questions],
                "quality_statements": list(t.quality_statements),
            } for t in self.themes],
            "key_questions": [dict(k) for k in self.quality["key_questions"]],
            "quality_statements": [dict(q) for q in self.quality["statements"]],
            "retired_questions": [dict(r) for r in s.get("retired_questions") or []],
            # values taken out of the scale or a choice (issue 18): answers holding them keep
            # these words, and count as counts_as says (null: as nothing)
            "retired_values": [{"of": r["of"], "value": r["value"], "label": r["label"],
                                "counts_as": r.get("counts_as")} for r in s.get("retired_values") or []],
        }
        digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:12]
        return {"format": "care-home-action-plan/question-set", "format_version": 1, "hash": digest, **body}
