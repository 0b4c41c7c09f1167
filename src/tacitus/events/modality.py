"""Modality and attribution of an event trigger: asserted, negated or hypothetical; who claims it."""

from __future__ import annotations

from spacy.tokens import Token

MODALS = frozenset({"will", "would", "could", "may", "might", "shall", "should", "can", "must", "'ll", "wo", "ca"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# Verbs whose infinitive complement happened: "managed to", "began to", "used tanks to".
IMPLICATIVE = frozenset({"manage", "begin", "start", "continue", "use", "proceed", "go", "help", "dare",
                         "resume", "keep", "happen", "turn", "vote", "prompt", "force", "compel", "cause",
                         "spur", "first", "last", "only"})
# "voted to impose sanctions": decided; "forced him to resign", "the first to visit": done
FAILING = frozenset({"fail", "refuse", "decline", "neglect"})
DENYING = frozenset({"deny", "dismiss", "refute", "rebut", "disprove"})
CLAIM_NOUNS = frozenset({"claim", "allegation", "report", "accusation", "charge", "rumour", "rumor", "suggestion"})
ALLEGING = frozenset({"accuse", "allege", "blame", "charge", "suspect"})
SPEECH = frozenset({"say", "tell", "claim", "report", "announce", "state", "add", "insist", "confirm",
                    "assert", "declare", "note", "write", "tweet", "stress", "explain", "reiterate", "quote",
                    "acknowledge", "admit", "disclose", "reveal", "testify", "recount", "argue", "affirm"})
# "request for mediation for Musleh's release": what is asked for has not happened.
REQUESTING = frozenset({"request", "demand", "call", "appeal", "plea", "push", "bid", "plan", "proposal",
                        "hope", "ask", "urge", "press", "lobby", "seek", "need", "want", "effort", "attempt",
                        "threat", "pressure", "condition", "prospect", "possibility", "risk", "fear"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
COMMITTING = frozenset({"agree", "commit", "consent", "pledge"})
TEMPORAL_MARKS = frozenset({"after", "before", "when", "as", "since", "while", "because", "once", "until"})


def _own_negation(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never"):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and any(
            g.dep_ == "det" and g.lower_ == "no" for g in child.children
        ):
            return True  # "no one was arrested"
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("nobody", "none", "noone"):
            return True
    return False


def _own_hypothesis(token: Token) -> bool:
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in MODALS:
            return True
        if child.dep_ == "aux" and child.lower_ == "going":  # "is going to attack"
            return True
        if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
            return True
        if child.dep_ == "preconj" and child.lower_ == "either":
            return True
    return False


def _is_infinitive(token: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True
    # "to re-establish": the parser may hang "to" on the prefix "re"
    before = token.doc[max(0, token.i - 3):token.i]
    return token.tag_ == "VB" and any(t.lower_ == "to" and t.dep_ == "aux" for t in before)


def modality(trigger: Token) -> str:
    """Asserted, negated or hypothetical, from the trigger's own clause and the clauses governing it."""
    if trigger.sent.text.rstrip().rstrip('"”’\'').endswith("?"):
        return "hypothetical"
    negated = _own_negation(trigger)
    token = trigger
    carry = True  # whether the governing clause's modals and negation reach this one
    for _ in range(12):  # bounded walk up the tree
        if carry and _own_hypothesis(token):
            return "hypothetical"
        head = token.head
        if head is token or token.dep_ in ("relcl", "appos", "parataxis"):
            break
        dep, lemma = token.dep_, head.lemma_.lower()
        if carry and lemma in REQUESTING and dep == "ccomp":
            return "hypothetical"  # "demanded that Turkey withdraw" (not "... over the attacks on Israel")
        if carry and dep in ("xcomp", "advcl", "acl", "ccomp") and _is_infinitive(token):
            if lemma in FAILING:
                return "negated"
            if lemma not in IMPLICATIVE and not _ordinal_frame(head):
                return "hypothetical"  # but "the first sitting U.S. president to visit Hiroshima" did visit
        if lemma in DENYING and dep in ("xcomp", "ccomp", "pcomp", "dobj", "advcl", "prep") and not (
                dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in token.children)):
            return "negated"  # but not "denied it, after Washington accused Tehran": that accusation stands
        if lemma in CLAIM_NOUNS and dep in ("acl", "ccomp", "relcl") and (
            head.head.lemma_.lower() in DENYING | {"reject"}
        ):
            return "negated"  # "rejected claims that it attacked"
        if lemma in ALLEGING and dep in ("pcomp", "pobj", "ccomp", "xcomp", "prep", "advcl") and not (
                dep == "advcl" and (_has_subject(token) or any(c.dep_ == "mark" for c in token.children))):
            return "hypothetical"  # "accused Y of attacking Z": the attack is alleged (not "..., while X blamed")
        if lemma in REQUESTING and dep in ("pobj", "prep", "acl") and head.pos_ in ("NOUN", "VERB", "ADP"):
            if dep != "pobj" or head.lower_ in ("for", "of"):
                return "hypothetical"
        if lemma in COMMITTING and dep == "prep" and token.lower_ == "to":
            return "hypothetical"  # "agreed to a ceasefire": promised, not yet done
        if lemma in SPEECH and dep in ("ccomp", "xcomp"):
            break  # reported speech is attributed (claimed_by), not hedged
        if dep == "conj" and _has_subject(token) and _after_comma_and(token):
            break  # "..., and Pashinyan accused the army": a clause of its own, not part of what was demanded
        if dep == "conj" and carry and _own_negation(head) and not _has_subject(token):
            negated = True  # "did not attack or kill"
        # Temporal and causal adjuncts ("after attacking X, he did not ...") keep their own modality,
        # but a denial or accusation further up still reaches them.
        if dep in ("prep", "pcomp", "pobj", "advcl", "npadvmod", "advmod"):
            carry = False
        token = head
    return "negated" if negated else "asserted"


def _ordinal_frame(head: Token) -> bool:
    """'the first (president) to visit', 'became the first leader to visit': the infinitive is a fact."""
    nouns = [head] if head.pos_ in ("NOUN", "PROPN") else []  # "the first president to visit"
    if head.lemma_.lower() in ("be", "become"):  # "became the first sitting U.S. president to visit"
        nouns += [c for c in head.children if c.dep_ == "attr"]
    return any(c.lower_ in ("first", "last", "only") and c.dep_ in ("amod", "attr") for n in nouns for c in n.children)


def _after_comma_and(token: Token) -> bool:
    start = token.left_edge.i
    return start >= 2 and token.doc[start - 1].lower_ in ("and", "but") and token.doc[start - 2].text == ","


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def claimant(trigger: Token) -> Token | None:
    """The subject of the speech verb that reports the trigger's clause, or the X of 'according to X'."""
    token = trigger
    for _ in range(8):
        head = token.head
        if head is token:
            break
        if head.lemma_.lower() in SPEECH and token.dep_ in ("ccomp", "parataxis", "conj", "xcomp", "advcl"):
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return child
            for child in head.children:
                if child.dep_ == "agent":
                    return next((g for g in child.children if g.dep_ == "pobj"), None)
        token = head
    for token in trigger.sent:
        if token.lower_ == "according":
            for prep in token.children:
                obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
            to = token.nbor(1) if token.i + 1 < len(token.doc) else None
            if to is not None and to.lower_ == "to":
                obj = next((g for g in to.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
    return None
