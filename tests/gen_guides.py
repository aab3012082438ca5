#!/usr/bin/env python3
"""Writes varied one-minute guides of a few short sections, for every
audience, to measure how often their columns can be balanced.

Each guide has SECTIONS sections (a heading and one paragraph of one to three
sentences, sometimes two paragraphs or a short list), drawn from a bank of
sentences per audience with a fixed seed, so the same command writes the same
guides.  The sections are short on purpose: a guide of a few 3-4 line
sections is the hardest case for balancing two columns (a heading keeps two
lines of its text, a paragraph splits only with two lines on each side).

usage: gen_guides.py OUTDIR [--per-audience N] [--sections K[,K...]] [--seed S]
         [--lists]
Writes OUTDIR/<audience>-<k>s-<i>.md and prints how many it wrote.
"""
import os
import random
import sys

AUDIENCES = {
    "professionals": {
        "titles": ["Responding to a concern", "When a child tells you", "Recording what you see",
                   "Making a referral", "Harm online"],
        "contacts": [["mash", "cscp", "emergency"], ["mash", "emergency"], ["mash", "crasac"]],
        "headings": ["What to look for", "Record it", "Share the concern", "Talk to the child",
                     "Know the signs", "Act on it", "Consent", "Online harm", "Referral",
                     "After a disclosure", "Supervision", "Keep records"],
        "sentences": [
            "Most children who are being abused do not tell anyone at the time.",
            "Changes in mood, sleep or school work can be a sign that something is wrong.",
            "Write down what the child said in their own words, with the date and time.",
            "Do not ask leading questions or promise to keep a secret.",
            "Share your concern with your designated safeguarding lead the same day.",
            "If a child is in immediate danger, call the police on 999.",
            "Harm can happen online as well as in person, and often both at once.",
            "A child cannot consent to their own abuse, whatever they say about it.",
            "Talk to the Multi Agency Safeguarding Hub when you think a child is at risk.",
            "Listen calmly, take what you hear seriously and tell the child what happens next.",
            "Keep your notes factual: what you saw, what was said and who was there.",
            "Grooming can take weeks or months and may involve the whole family.",
            "Ask for supervision after a difficult case; it helps you and the child.",
            "Sexual abuse is not only committed by adult men.",
            "Think about the child's wider network: siblings, friends and other adults.",
            "A referral should say what you are worried about and why.",
        ],
    },
    "families": {
        "titles": ["When you are worried", "Keeping children safe",
                   "Talking with your child", "Where to get help"],
        "contacts": [["mash", "emergency"], ["mash", "stop-it-now"], ["mash", "stop-it-now", "emergency"]],
        "headings": ["Notice", "Talk", "Listen", "Get help", "Stay calm", "Ask", "Online",
                     "Trust yourself", "Keep safe", "Who to call"],
        "sentences": [
            "You know your child best.",
            "If something about how they behave worries you, trust that feeling.",
            "Write down what you saw and when you saw it.",
            "Choose a quiet time to talk, when neither of you is in a hurry.",
            "Let your child talk without stopping them or asking too many questions.",
            "Tell them they were right to tell you and that it is not their fault.",
            "You do not have to be sure before you ask for advice.",
            "Talk to someone you trust, or call the number on this page.",
            "If a child is in danger right now, call 999.",
            "Know which apps your child uses and who they talk to.",
            "Keep talking about staying safe online as they grow up.",
            "Stay calm, even if what you hear is upsetting.",
            "Help is free and you can ask for it at any time.",
            "Look after yourself too: this can be hard for the whole family.",
        ],
    },
    "young-people": {
        "titles": ["If something online worries you", "Who you can tell", "Staying safe",
                   "It is not your fault", "Getting help"],
        "contacts": [["childline", "emergency"], ["childline", "blue-sky"], ["childline"]],
        "headings": ["Stop", "Save", "Tell", "Block", "Talk", "It is not your fault", "Get help",
                     "You are not alone", "Online", "Your body"],
        "sentences": [
            "You can stop replying and block them.",
            "If someone asks for pictures, you can say no.",
            "Keep the messages; they can help.",
            "Tell an adult you trust.",
            "It is free to call and nobody will be cross with you.",
            "If you are in danger right now, call 999.",
            "It is never your fault, whatever happened.",
            "Your body belongs to you.",
            "You can talk about anything that worries you.",
            "Lots of young people feel the same way.",
            "Nobody should make you keep a secret that upsets you.",
            "You can ask for help at any time, day or night.",
            "If a friend tells you something worrying, tell an adult.",
        ],
    },
}

FRONT = """---
title: {title}
subtitle: {subtitle}
format: one-minute-guide
audience: {audience}
lang: en-GB
summary: A generated guide of {k} short sections, to measure how its columns balance.
reviewed: 2026-11-01
review-by: 2027-11-01
version: "1.0"
source: https://www.coventry.gov.uk/safeguarding-children-partnership/child-sexual-abuse
contacts: [{contacts}]
---
"""


def paragraph(rng, bank, lo, hi):
    return " ".join(rng.sample(bank, rng.randint(lo, hi)))


def guide(rng, audience, k, lists):
    a = AUDIENCES[audience]
    heads = rng.sample(a["headings"], k)
    out = [FRONT.format(title=rng.choice(a["titles"]), subtitle=f"{k} things to know.", audience=audience,
                        k=k, contacts=", ".join(rng.choice(a["contacts"])))]
    # Young people's type is large: five of their sections are kept
    # shorter, so that the guide fits its side.
    most = 2 if audience == "young-people" and k >= 5 else 3
    for h in heads:
        out.append(f"## {h}\n")
        shape = rng.random()
        if lists and shape < 0.15:
            items = rng.sample(a["sentences"], rng.randint(2, most + 1))
            out.append("\n".join(f"- {s}" for s in items) + "\n")
        elif shape < 0.30 and most > 2:
            out.append(paragraph(rng, a["sentences"], 1, 2) + "\n")
            out.append(paragraph(rng, a["sentences"], 1, 2) + "\n")
        else:
            out.append(paragraph(rng, a["sentences"], 1, most) + "\n")
    return "\n".join(out)


def main(argv):
    if not argv or argv[0].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    outdir, per, sections, seed, lists = argv[0], 45, [3], 15, False
    args = iter(argv[1:])
    for x in args:
        if x == "--per-audience":
            per = int(next(args))
        elif x == "--sections":
            sections = [int(s) for s in next(args).split(",")]
        elif x == "--seed":
            seed = int(next(args))
        elif x == "--lists":
            lists = True
        else:
            print(f"gen_guides.py: unknown option {x}", file=sys.stderr)
            return 2
    os.makedirs(outdir, exist_ok=True)
    n = 0
    for k in sections:
        for audience in AUDIENCES:
            rng = random.Random(f"{seed}-{audience}-{k}")
            for i in range(per):
                with open(os.path.join(outdir, f"{audience}-{k}s-{i:03d}.md"), "w", encoding="utf-8") as f:
                    f.write(guide(rng, audience, k, lists))
                n += 1
    print(f"gen_guides: {n} guides in {outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
