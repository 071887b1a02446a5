#!/usr/bin/env python3
"""Builds data/eval/statement-dates-heldout.jsonl: short news texts written
for the project, in the styles of varied outlets, each with a publication
date and, for every attribution, the date the statement was made.

Written and annotated by hand before dossier was run on them; never tuned
on. Each anchor (the cue, or the start of the quote when there is no cue) is
marked `[[anchor|VALUE]]`, VALUE being the ISO 8601 date the statement was
made, or `-` when the text does not date it (then the publication date is
the right answer). Deterministic; run from the repository root:

    python3 data/eval/src/statement_dates_heldout.py > data/eval/statement-dates-heldout.jsonl
"""
import json
import re

ARTICLES = [
    ("wire-port", "wire", "2024-03-14", """ROTTERDAM, March 14 (Wire) - Dock workers at Europe's largest port will strike from Monday, their union [[said|2024-03-14]] on Thursday, after talks with employers collapsed for a third time.

"We have run out of patience," union secretary Marta Vos [[told|-]] reporters outside the port authority building. "The offer on the table would cut real wages for the fourth year running."

The employers' federation [[said|2024-03-12]] in a statement on Tuesday that it had made "a fair and final offer" and urged the union to put it to a vote.

The port, which handled a record volume of containers in 2021, has seen two short stoppages since January. A spokesman for the port authority [[said|-]] contingency plans were in place."""),
    ("local-library", "local paper", "2023-11-02", """Library hours to be cut as council trims budget

Branch libraries in Eastfield and Marsh Lane will open three days a week instead of five from January, the borough council [[announced|2023-10-31]] on Tuesday.

Councillor Priya Nair, who chairs the finance committee, [[said|-]] the decision was "painful but unavoidable" given a shortfall she put at £4 million.

"Started in 1987 by a group of parents, the Marsh Lane reading club has never missed a week," [[said|-]] volunteer organiser Doreen Platt, 71. "We will find a way to keep going."

At a packed public meeting last week, residents [[told|2023-10-23/2023-10-29]] councillors the cuts would hit older people and children hardest.

The council [[said|-]] it would review the hours in 2025."""),
    ("tabloid-star", "tabloid", "2022-06-21", """SOAP STAR'S SECRET WEDDING

TV heartthrob Jake Morrow has secretly married his childhood sweetheart, his rep [[confirmed|2022-06-20]] last night.

The 34-year-old tied the knot in a tiny ceremony in Cornwall on Saturday, with just 12 guests.

"It was the best day of my life," Jake [[gushed|-]] to pals. "I've waited since 2009 for this."

A source close to the couple [[said|-]]: "They wanted to keep it private after everything that happened last year."

Jake [[told|2022-05]] this paper in May that he was "done with the spotlight"."""),
    ("retro-floods", "magazine retrospective", "2012-03-10", """The winter the river came

In December 2010 the river burst its banks twice in a fortnight, and the town has not forgotten.

On December 27, mayor Alan Hughes [[said|2010-12-27]] the second flood was "worse than anything in living memory". 
Residents [[recall|-]] that the water rose to the first floor of the high street shops.

"We lost everything in 2010," shop owner Nadia Karim [[says|2012-03-10]] today. "It took us a year to reopen."

Hughes, who stood down in 2011, [[said|2012-03-05/2012-03-11]] this week that the new flood wall would have saved the high street."""),
    ("guardian-health", "broadsheet", "2021-01-01", """Hospitals under strain as new year begins

Hospital leaders have warned that intensive care units could be full within days.

Speaking on Wednesday, the chief executive of the hospitals' federation, Dr Ruth Adeyemi, [[said|2020-12-30]] staff were "exhausted" after nine months of crisis.

The health secretary [[said|2020-12-29]] in a televised briefing on Tuesday that field hospitals built in April were ready to reopen.

"We have been here before, in the spring, and we know what to do," he [[said|-]].

A union representing nurses [[said|-]] the field hospitals had no staff to run them.

Opposition leaders [[called|-]] for an inquiry into the decisions taken in March."""),
    ("sports-final", "sports desk", "2024-09-30", """Rovers lift cup after late drama

Rovers won the county cup on Sunday with a stoppage-time header from captain Leon Baptiste.

"I've dreamed of this since I was a kid," Baptiste [[said|-]] after the final whistle.

Manager Sue Carrick [[told|-]] the club's website: "The lads never stopped believing."

On Saturday, Carrick had [[said|2024-09-28]] she would rest two of her regular starters.

United's coach [[admitted|-]] his side "switched off" at the end."""),
    ("court-fraud", "court report", "2019-05-17", """Former director denies £2m fraud

A former company director accused of stealing £2 million from pension savers [[told|2019-05-16]] a jury on Thursday that he had "never taken a penny".

Graham Pell, 58, [[said|-]] he had believed the transfers, made between 2014 and 2016, were authorised by the board.

Prosecutor Helen Marsh [[told|2019-05-13]] the court on Monday that Pell had moved the money through three shell companies.

"He lied to the people who trusted him," she [[said|-]].

The trial, which began on May 7, continues."""),
    ("tech-launch", "tech news", "2025-02-05", """Chipmaker promises cheaper laptops by summer

The chipmaker [[said|2025-02-04]] Tuesday that its new low-power processor would ship in laptops "before the summer".

Chief executive Omar Lindqvist [[told|-]] analysts on an earnings call that demand had "never been stronger".

"In 2019 we were a niche player. Today we are in one in five laptops sold," he [[said|-]].

Shares rose 6% after the announcement. Analysts at one bank [[wrote|-]] in a note that the forecast looked "ambitious".

In an interview last month, Lindqvist [[said|2025-01]] the company had no plans to build its own factories."""),
    ("opinion-transit", "opinion column", "2020-10-08", """The city must not abandon its buses

Last week the transport committee voted to cut six bus routes. Its chair [[argued|-]] that ridership would never return to what it was in 2019.

She is wrong. As the city's own planners [[wrote|2020-06]] in a report in June, "ridership follows service, not the other way round".

The mayor [[promised|2020-09-22]] on September 22 that no route would close without consultation. That promise has already been broken.

My neighbour, who has taken the number 14 to work since 1995, [[put|-]] it simply: "Without the bus, I lose my job.\""""),
    ("press-release", "press release", "2023-07-29", """Museum receives gift of 300 medieval manuscripts

The City Museum today [[announced|2023-07-29]] the largest gift in its history: 300 manuscripts dating from 1150 to 1480.

"This collection transforms what we can show and study," [[said|-]] director Amara Osei.

The donor, who asked not to be named, [[said|-]] through a lawyer that the manuscripts had been in the family since 1923.

The museum [[said|-]] an exhibition of highlights would open in spring 2024."""),
    ("live-blog", "live blog", "2024-12-31", """New year's eve: fireworks go ahead despite wind warnings

Organisers [[confirmed|2024-12-31]] this morning that the midnight display will go ahead.

Police [[said|2024-12-30]] yesterday that 2,000 officers would be on duty tonight – Dec. 31.

"We have planned for every kind of weather since October," a spokeswoman for the organisers [[said|-]].

On Friday the weather service [[warned|2024-12-27]] of gusts of up to 60 mph on the coast."""),
    ("bbc-election", "public broadcaster", "2018-04-04", """Candidate withdraws after social media row

A council candidate has pulled out of next month's election after posts from 2012 resurfaced.

In a statement on Monday, Tom Ellery [[said|2018-04-02]] he was "deeply ashamed" of what he had written as a student.

His party [[said|-]] it had not known about the posts when he was selected in January.

Local residents [[told|-]] the BBC they were surprised. "He always seemed decent," one [[said|-]].

The party's regional chair [[said|2018-04-03]] on Tuesday that candidates would now be vetted more carefully."""),
    ("ap-storm", "wire", "2022-01-12", """Storm leaves thousands without power

Utility crews were still working Wednesday to restore power to about 40,000 homes after a storm swept through the region Sunday night.

"Some customers may be without power until the weekend," utility spokesman Ray Dunn [[said|2022-01-11]] Tuesday.

Gov. Lisa Moreno [[said|2022-01-10]] Monday she had asked for federal help, and that the storm was the worst since 1998.

Emergency officials [[urged|-]] residents to check on elderly neighbors.

"We've been through worse," [[said|-]] Carl Jenks, 80, who has lived in the town since 1961."""),
    ("science-study", "science desk", "2024-06-06", """Bees learn faster in cooler weather, study finds

Bumblebees learn to find flowers faster when it is cool, [[according to|2024-06-05]] a study published on Wednesday in the journal Insect Minds.

The researchers [[found|-]] that bees trained at 18C made half as many mistakes as those trained at 28C.

"We were surprised by how large the effect was," lead author Dr Kofi Mensah [[said|-]].

A 2015 study had [[suggested|2015]] that heat made bees quicker learners, Mensah [[noted|-]]."""),
    ("business-strike", "business paper", "2021-08-24", """Airline cancels flights as pilots walk out

The airline cancelled 120 flights after pilots began a 48-hour strike that started on Monday.

Its chief operating officer [[said|2021-08-23]] on Monday evening that the strike was "unjustified".

The pilots' union [[said|-]] talks had broken down over pay cuts imposed in 2020.

In a letter to staff dated August 20, the chief executive [[wrote|2021-08-20]] that the airline "cannot afford to go back to 2019 pay".

Passengers [[told|-]] this newspaper they had learned of the cancellations from the news."""),
    ("winter-recap", "regional paper", "2011-01-12", """Snow brings region to a standstill

Schools closed and roads were blocked after the heaviest snowfall since 1981.

The county's highways chief [[said|2011-01-10]] on Monday that gritters had worked through the night.

On January 3, the council had [[insisted|2011-01-03]] it had enough salt to last the winter.

"We ran out by the weekend," a depot worker [[said|-]]."""),
]

MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")


def build(text):
    out, rows, pos = [], [], 0
    for m in MARK.finditer(text):
        out.append(text[pos:m.start()])
        start = sum(len(s) for s in out)
        out.append(m.group(1))
        value = None if m.group(2) == "-" else m.group(2)
        rows.append({"start": start, "end": start + len(m.group(1)), "text": m.group(1), "date": value})
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), rows


for ident, style, published, marked in ARTICLES:
    text, rows = build(marked)
    print(json.dumps({"id": ident, "style": style, "published": published, "text": text, "statements": rows},
                     ensure_ascii=False))
