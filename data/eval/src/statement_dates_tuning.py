#!/usr/bin/env python3
"""Builds data/eval/statement-dates-tuning.jsonl from hand annotations.

The statement date (or none) of each attribution in the Wikinews articles of
../shared/data/corpus/wikinews-gum.jsonl, annotated by reading the articles
before dossier was run on them. Each annotation names a context string that
occurs once in the article, with the anchor (usually the cue) in [[ ]]; this
script turns it into code-point offsets so the article text itself is not
copied. Deterministic; run from the repository root:

    python3 data/eval/src/statement_dates_tuning.py \
        ../shared/data/corpus/wikinews-gum.jsonl > data/eval/statement-dates-tuning.jsonl

`date` is what the text says about when the statement was made (ISO 8601),
or null when the text does not date it (then the document's date is the
right answer). `context: true` marks a date a reader knows only from another
sentence (`After the match, X said` where the match was `yesterday`).
"""
import json
import sys

A = [
    # GUM_news_afghan (dateline Friday, July 21, 2017)
    ("GUM_news_afghan", "[[According to]] Afghan Ambassador", None),
    ("GUM_news_afghan", "[[According to]] the Afghan team's coach", None),
    ("GUM_news_afghan", "Rodaba Noori [[told]] the press", None),
    ("GUM_news_afghan", "Hamdullah Mohib [[says]] there were", None),
    ("GUM_news_afghan", "[[said]] Ambassador Mohib", None),
    # GUM_news_asylum
    ("GUM_news_asylum", "Indonesian military, [[said]] fisherman", None),
    ("GUM_news_asylum", "[[According to]] ABC News", None),
    ("GUM_news_asylum", "Najib Razak [[said]],", None),
    ("GUM_news_asylum", "State Department [[said]] John Kerry", None),
    ("GUM_news_asylum", "Spokesperson, [[said]],", None),
    # GUM_news_clock
    ("GUM_news_clock", "Deseret News [[observed]]", None),
    ("GUM_news_clock", "Straits Times [[noted]]", None),
    ("GUM_news_clock", "Hill [[commented]]", None),
    ("GUM_news_clock", "El-Hassan Mohamed [[said]]", None),
    ("GUM_news_clock", "Jafari [[said]] she felt", None),
    ("GUM_news_clock", "Obama [[tweeted]] using", None),
    ("GUM_news_clock", "to Mohamed and [[said]] the boy", None),
    ("GUM_news_clock", "Alia Salem [[said]]", None),
    ("GUM_news_clock", "Sehar Memon [[said]]", None),
    ("GUM_news_clock", "Memon also [[said]]", None),
    ("GUM_news_clock", "have [[asserted]] that", None),
    # GUM_news_crane: "yesterday" dates the storm, not the authority's count
    ("GUM_news_crane", "killing 107 or more and wounding 238, [[according to]]", None),
    ("GUM_news_crane", "television, [[said]] \"All", None),
    ("GUM_news_crane", "Saudi Gazette, [[said]]", None),
    # GUM_news_defector
    ("GUM_news_defector", "Recent reports have [[revealed]]", None),
    ("GUM_news_defector", "[[According to]] Rathbun the", None),
    ("GUM_news_defector", "officials have [[stated]] they", None),
    ("GUM_news_defector", "Rathbun [[wrote]]", None),
    ("GUM_news_defector", "[[According to]] Rathbun, a detective", None),
    ("GUM_news_defector", "Rathbun [[stated]],", None),
    ("GUM_news_defector", "Rathbun [[asserted]]", None),
    ("GUM_news_defector", "Sheriff's office, [[told]] LA Weekly", None),
    # the date belongs to the content: Montalvo left on September 24
    ("GUM_news_defector", "Whitmore [[stated]] Montalvo", None),
    # the officials went to the station on September 29 and claimed there
    ("GUM_news_defector", "where they [[claimed]]", "2010-09-29"),
    # "on October 6" is inside what Whitmore told LA Weekly
    ("GUM_news_defector", "Whitmore [[told]] LA Weekly that on", None),
    ("GUM_news_defector", "and [[told]] the police", "2010-10-06"),
    ("GUM_news_defector", "Whitmore [[stated]] to LA Weekly", None),
    ("GUM_news_defector", "He [[described]] Montalvo", None),
    # GUM_news_flag
    ("GUM_news_flag", "twelve, [[said]] New Zealand", None),
    ("GUM_news_flag", "Burrows also [[said]]", None),
    ("GUM_news_flag", "John Key [[said]]", None),
    ("GUM_news_flag", "process, he [[said]]", None),
    # GUM_news_hackers
    ("GUM_news_hackers", "site [[explains]]", None),
    ("GUM_news_hackers", "have [[stated]] that they will", None),
    ("GUM_news_hackers", "He [[characterized]]", None),
    ("GUM_news_hackers", "[[writing]] in a blog post \"I have", None),
    ("GUM_news_hackers", "The poster [[wrote]]", None),
    ("GUM_news_hackers", "[[said]] the post by", None),
    ("GUM_news_hackers", "individuals [[reported]]", None),
    ("GUM_news_hackers", "from Friday [[theorized]]", "2008-01-18"),
    ("GUM_news_hackers", "and [[wrote]] that as of Friday", "2008-01-18"),
    ("GUM_news_hackers", "one poster [[writing]]", None),
    # GUM_news_homeopathic
    ("GUM_news_homeopathic", "in the [[words]] of the Crown", None),
    ("GUM_news_homeopathic", "Tedeschi also [[told]]", None),
    ("GUM_news_homeopathic", "he [[replied]]", None),
    ("GUM_news_homeopathic", "[[according to]] the Sydney", None),
    ("GUM_news_homeopathic", "SC, [[said]] that", None),
    # GUM_news_ie9
    ("GUM_news_ie9", "Microsoft [[announced]] on Friday", "2011-03-04"),
    ("GUM_news_ie9", "Microsoft [[says]] on", None),
    ("GUM_news_ie9", "traffic statistics [[concluded]]", None),
    ("GUM_news_ie9", "has [[said]] that as of March 4", None),
    ("GUM_news_ie9", "Microsoft [[says]] that the latest", None),
    # GUM_news_imprisoned (the corpus date and the dateline disagree)
    ("GUM_news_imprisoned", "has [[claimed]] that", None),
    ("GUM_news_imprisoned", "Paris [[claims]] she was first", None),
    ("GUM_news_imprisoned", "Paris also [[claims]]", None),
    ("GUM_news_imprisoned", "Paris [[claims]] that she was kept", None),
    ("GUM_news_imprisoned", "Paris [[claims]] that she was working", None),
    ("GUM_news_imprisoned", "She also [[claims]] that in 1997", None),
    ("GUM_news_imprisoned", "They also [[claimed]]", None),
    ("GUM_news_imprisoned", "Church also [[claims]]", None),
    # GUM_news_iodine
    ("GUM_news_iodine", "researchers [[say]]", None),
    ("GUM_news_iodine", "has [[revealed]] many", None),
    ("GUM_news_iodine", "authors [[say]] iodine", None),
    ("GUM_news_iodine", "this week, [[revealed]]", "2006-02-20/2006-02-26"),
    ("GUM_news_iodine", "They [[say]] adding", None),
    ("GUM_news_iodine", "authors [[say]] the results", None),
    ("GUM_news_iodine", "Disorders, [[says]] it is crucial", None),
    ("GUM_news_iodine", "Eastman [[says]] manufacturers", None),
    ("GUM_news_iodine", "iodised,\" he [[said]]", None),
    ("GUM_news_iodine", "report [[says]] the decline", None),
    ("GUM_news_iodine", "report [[states]]", None),
    ("GUM_news_iodine", "Eastman [[says]] iodine is added", None),
    ("GUM_news_iodine", "He [[says]] authorities", None),
    ("GUM_news_iodine", "Professor Eastman [[said]].", None),
    ("GUM_news_iodine", "(WHO) [[recommends]]", None),
    ("GUM_news_iodine", "WHO [[say]]", None),
    ("GUM_news_iodine", "Eastman [[said]] he is alarmed", None),
    ("GUM_news_iodine", "country,\" he [[said]]", None),
    ("GUM_news_iodine", "Zealand, [[says]] they are", None),
    ("GUM_news_iodine", "She [[says]] the issue", None),
    ("GUM_news_iodine", "Bauchtman [[said]]", None),
    ("GUM_news_iodine", "public health, [[said]]", None),
    # GUM_news_korea: "Thursday afternoon" is inside KCNA's words; August 10
    # dates the broadcasts, not what South Korea says
    ("GUM_news_korea", "[[According to]] Yonhap", None),
    ("GUM_news_korea", "[[said]] KCNA", None),
    ("GUM_news_korea", "it [[added]]", None),
    ("GUM_news_korea", "[[added]] KCNA", None),
    ("GUM_news_korea", "South Korea [[says]]", None),
    ("GUM_news_korea", "North Korea [[stated]]", None),
    # GUM_news_lanterns
    ("GUM_news_lanterns", "[[according to]] the event website", None),
    # GUM_news_nasa: the ceremony was on Tuesday, told in other sentences
    ("GUM_news_nasa", "[[said]] Bolden", "2011-04-12", True),
    ("GUM_news_nasa", "statement [[added]]", None),
    ("GUM_news_nasa", "Chris Gregoire [[said]]", None),
    # GUM_news_questionnaire
    ("GUM_news_questionnaire", "Sky News [[says]]", None),
    ("GUM_news_questionnaire", "Officials [[tell]]", None),
    ("GUM_news_questionnaire", "i [[reporting]]", None),
    ("GUM_news_questionnaire", "Yvette Cooper [[said]]", None),
    ("GUM_news_questionnaire", "and [[said]] it was", None),
    ("GUM_news_questionnaire", "She [[continued]]", None),
    ("GUM_news_questionnaire", "letter [[reads]]", None),
    ("GUM_news_questionnaire", "Braverman [[told]] GB News", "2023-02-22"),
    ("GUM_news_questionnaire", "media have [[said]]", None),
    ("GUM_news_questionnaire", "Boswell [[stating]]", None),
    ("GUM_news_questionnaire", "Solomon [[told]] Sky News", None),
    ("GUM_news_questionnaire", "\"[[The Home Secretary and I]]", "2023-02-22"),
    # GUM_news_sensitive
    ("GUM_news_sensitive", "Julie Hahn [[said]]", None),
    ("GUM_news_sensitive", "Baird [[said]]", None),
    ("GUM_news_sensitive", "Raisinghani [[told]]", None),
    ("GUM_news_sensitive", "she [[said]], but", None),
    ("GUM_news_sensitive", "MP, [[said]]", None),
    ("GUM_news_sensitive", "Dewar [[says]]", None),
    ("GUM_news_sensitive", "Dewar [[said]]", None),
    # GUM_news_soccer (dateline June 19; the matches were "yesterday")
    ("GUM_news_soccer", "Panama coach, [[said]]", "2018-06-18", True),
    ("GUM_news_soccer", "He [[said]], \"In the first", "2018-06-18", True),
    ("GUM_news_soccer", "Maaloul [[said]]", "2018-06-18", True),
    # GUM_news_stampede
    ("GUM_news_stampede", "[[According to]] the Saudi", None),
    # GUM_news_taxes
    ("GUM_news_taxes", "city [[reasoned]]", None),
    ("GUM_news_taxes", "Giannini [[said]]", None),
    ("GUM_news_taxes", "prime minister, [[said]]", None),
    ("GUM_news_taxes", "Toccafondi [[says]]", None),
    ("GUM_news_taxes", "has [[called]] the sentence", None),
    # GUM_news_warhol: 2010 dates the exhibition, not what the curator said
    ("GUM_news_warhol", "[[according to]] Kristen Wilkins", None),
    ("GUM_news_warhol", "Wilkins [[observed]]", None),
    ("GUM_news_warhol", "Foundation, [[said]] 500", None),
    ("GUM_news_warhol", "[[said]] Mauer", None),
    ("GUM_news_warhol", "in 2010, [[according to]] curator", None),
    ("GUM_news_warhol", "[[said]] Gustafon", None),
    ("GUM_news_warhol", "Wilkins [[explained]]", None),
    ("GUM_news_warhol", "career\", Wilkins [[said]]", None),
    ("GUM_news_warhol", "Fayetteville, [[said]]", None),
    ("GUM_news_warhol", "Kathryn Waters [[said]]", None),
    ("GUM_news_warhol", "Water [[said]]", None),
    ("GUM_news_warhol", "art history, [[said]]", None),
    ("GUM_news_warhol", "Wilkins [[said]],\"", None),
    ("GUM_news_warhol", "[[According to]] Wilkins", None),
    ("GUM_news_warhol", "Wilkins also [[said]]", None),
    ("GUM_news_warhol", "that way\", Wilkins [[said]]", None),
    ("GUM_news_warhol", "He [[said]], \"Andy", None),
    ("GUM_news_warhol", "Allton [[said]] he had", None),
    ("GUM_news_warhol", "\" Allton [[said]]", None),
    # GUM_news_warming: the NCLAN results were published in 1989
    ("GUM_news_warming", "scientists [[found]]", None),
    ("GUM_news_warming", "They [[estimated]]", None),
    ("GUM_news_warming", "As coauthor Colette Heald [[told]]", None),
    ("GUM_news_warming", "Heald [[said]] although", None),
    ("GUM_news_warming", "Agriculture [[notes]]", None),
    ("GUM_news_warming", "in 1989, [[show]]", "1989"),
    ("GUM_news_warming", "researchers [[found]]", None),
    ("GUM_news_warming", "Agency [[says]]", None),
    ("GUM_news_warming", "Heald [[noted]]", None),
    ("GUM_news_warming", "As Heald [[told]]", None),
]


def main(corpus_path):
    docs = {}
    with open(corpus_path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["id"]] = d
    out = {}
    for item in A:
        doc_id, marked, date = item[:3]
        context = len(item) > 3 and item[3]
        text = docs[doc_id]["text"]
        plain = marked.replace("[[", "").replace("]]", "")
        at = text.find(plain)
        if at < 0 or text.find(plain, at + 1) >= 0:
            sys.exit(f"{doc_id}: context {plain!r} found {text.count(plain)} times")
        start = at + marked.index("[[")
        end = start + marked.index("]]") - marked.index("[[") - 2
        entry = {"start": start, "end": end, "text": text[start:end], "date": date}
        if context:
            entry["context"] = True
        out.setdefault(doc_id, []).append(entry)
    for doc_id in sorted(out):
        d = docs[doc_id]
        rows = sorted(out[doc_id], key=lambda e: e["start"])
        print(json.dumps({"id": doc_id, "published": d.get("published"), "statements": rows}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
