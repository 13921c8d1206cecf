<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AgreementsPage</name>
    <message>
        <source>Agreements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the leaders settle beyond their objectives: the customer journey they share, how leads are handed over, who decides what, what each team is rewarded for and the practices they keep together. An agreement binds both teams: it is bought in when every leader has agreed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreements: customer journey, hand-offs, decision rights, incentives and joint practices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgreementsTab</name>
    <message>
        <source>Business model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;odel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this model: who leads the customer to buy, and so who decides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the business model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a stance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What would make it a yes? (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of this agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stance history of this agreement</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrainstormPage</name>
    <message>
        <source>Brainstorm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the goals before writing objectives: ask why, work back from the company&apos;s goals, switch teams — then check, vote and keep the best two or three per team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brainstorm exercises</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BuyInPage</name>
    <message>
        <source>Buy-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identify overlap, make adjustments, and align on priorities: each leader&apos;s stance on every objective and on the words both teams use. An objective is bought in when every leader of every team it touches has agreed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buy-in: objectives, definitions and overlaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buy-in matrix: objectives by leaders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a stance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What would make it a yes? (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record stance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of this objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stance history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CandidatesTab</name>
    <message>
        <source>Show the candidates of a team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the candidates of an exercise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Shortlist only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the candidates each team keeps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rank by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank the pool by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a candidate… (Enter adds it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team of the new candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the top 3 per team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Promote to objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected candidate with its votes (Delete); Ctrl+Z brings it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a candidate in the pool, or type one below it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;ndidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate wording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMART check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Votes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact score, 1 to 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voting rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dots per leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep t&amp;op</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> per team</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChainsTab</name>
    <message>
        <source>Start from what a team says about itself or a goal, then keep asking “why?”. Each team has its chains; show two or more side by side to find the themes they share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side by side:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask-why chains, one per team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new chain for the selected team (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask &amp;why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an answer under the selected statement (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make &amp;candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the selected statement to the candidate pool (Ctrl+Shift+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common themes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common themes and their statements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link as theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link the statements selected in each chain as one new theme (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add to theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the statements selected in each chain to the theme selected here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the selected statement out of its theme, or remove the selected theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested themes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acce&amp;pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link the two statements as one theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not suggest this pair again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckInsTab</name>
    <message>
        <source>Each week the leadership team checks in on every metric: its actual value as of the day, and how confident its owner is that it will reach the target. Status compares the last actual with the straight line from the baseline at the offsite to the target on its due date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-ins as of &amp;day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day the check-ins are for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Actuals…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring in the actuals from a CRM report or a spreadsheet, with a preview first (Ctrl+Shift+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>advice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-ins: each metric&apos;s last actual, status and confidence, and the new actual to record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note for the selected metric&apos;s check-in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DefinitionsTab</name>
    <message>
        <source>The words both teams must mean the same thing by. A definition is bought in when every leader of its owning team has agreed (every leader, when it belongs to everyone).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;The glossary is empty.&lt;/b&gt; The classic first entry: when does a lead become a &lt;i&gt;sales qualified lead&lt;/i&gt;? Add it with a starter definition, then edit it with the leaders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add “Sales &amp;qualified lead”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Glossary: term, definition and owning team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions buy-in matrix: terms by leaders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a stance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What would make it a yes? (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of this definition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stance history of this definition</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportActualsDialog</name>
    <message>
        <source>Import Actuals — Offsite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-ins from a CRM report or a spreadsheet (CSV or Excel): nothing is written until you press Import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file of actuals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A .csv or .xlsx file: type its path, or Browse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;heet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workbook&apos;s sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved mapping to read the file by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each line is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &amp;reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each line names a metric, a day and its value (a spreadsheet of weekly totals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a re&amp;cord (deal, lead…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each line is a deal, an opportunity or a lead: they are counted or summed per period into one metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric colum&amp;n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column naming each line&apos;s metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column of dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column of values, or count the records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;ote column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column of notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;wner column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column naming who checked in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Me&amp;tric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metric the records make up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One check-in &amp;per</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One check-in per period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runnin&amp;g total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each check-in is the total since the plan&apos;s start, not the period&apos;s own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a fi&amp;lter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only the records whose column holds one of the values ticked (Deal Stage: Closed Won)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names the plan does not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the file writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;umbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How numbers are written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dat&amp;es</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How dates are written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for the file (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines at fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check-ins the import writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save mapping &amp;as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapping&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. HubSpot deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep these choices for next time, under this name (the command line&apos;s --mapping too)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>The desktop&apos;s language</source>
        <extracomment>The languages Offsite speaks, by code, each named in itself (as a language menu lists them).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Offsite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phases of the offsite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Plan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a safe copy of the plan to a new file and continue there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Draft…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start your own draft of your team&apos;s objectives, to bring to the offsite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Draft Pac&amp;k…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge Drafts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge &amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where merged items came from: whose draft, which file, when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Projector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what this window shows, large, on a second screen for the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start / Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add a Minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Offsite</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NextCycleDialog</name>
    <message>
        <source>Start the Next Cycle — Offsite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new plan for the next offsite, started from this one. Its teams, leaders and company goals come along; its definitions and its agreements (the customer journey, hand-offs, decision rights, incentives and joint practices) come without their buy-in: a new cycle is a new agreement, so every leader agrees to them again. What an agreement named among the objectives (a metric, an objective) stays behind with them. The objectives ticked below become candidates on the Brainstorm page, and the quarter reviews&apos; lessons wait in its parking lot. This plan does not change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Objectives to carry over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objectives to carry over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticked: the unfinished ones (the last review kept or changed it, or scored it below 0.7, or there was none). Space ticks or unticks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Horizon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. H2 2027</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new plan&apos;s file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverlapsTab</name>
    <message>
        <source>Objectives of different teams that may pull against each other, grouped by the rule that found them. Settle each one: merge them into one shared objective, adjust them on the Plan page, or keep both with a note. Teams serving the same company goal is the design, not an overlap: each such goal is listed once, below, with nothing to settle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open findings only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overlap findings, grouped by rule, then the company goals several teams serve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit on Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjust…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Shared objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each team&apos;s objectives: two or three words, a method of three or four sentences, and metrics with numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objectives by team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move objective up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up (Ctrl+Shift+Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move objective down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down (Ctrl+Shift+Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an objective on the left, or add one to a team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two or three words, e.g. Go outbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where this objective came from in the Brainstorm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Q1 2027 or H1 2027</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ow&amp;ner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner of the objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The leader who answers for this objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;wned by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owning teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Serves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company goals served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the objective will be reached, in three or four specific, actionable sentences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method owne&amp;r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner of the method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The leader who answers for carrying out the method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics of the objective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove metric</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreparePage</name>
    <message>
        <source>Prepare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is at the table, what the company is aiming for, and where and when you meet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offsite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Venue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Horizon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. H1 2027</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V&amp;ision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the company wants to be in three years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add company goal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuarterPage</name>
    <message>
        <source>Quarter end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score each objective from its metrics&apos; last actuals in the quarter, say what worked and what did not, log the wins with the people to thank, and close the quarter to keep the alignment index for its trend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarter reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Objectives — each metric&apos;s score is how far from baseline to target its last actual in the quarter got</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objectives with their scores, overrides and decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrospective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What wor&amp;ked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What worked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What helped the objective along: keep doing it next quarter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What did &amp;not work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What did not work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What got in the way: change or stop it next quarter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The win&apos;s day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What was won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. First enterprise deal from outbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;People to thank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People to thank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Tomás and the SDR team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ob&amp;jective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The objective the win serves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log win</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log the win (Ctrl+Enter from any of its fields)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove win</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected win (Delete in the list); Ctrl+Z puts it back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W&amp;ins this quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wins of the quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close the quarter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the offsite, the plan is tracked: each week the leadership team checks in on every metric, and the alignment index says how aligned the plan is, from its own evidence and from what the leaders say.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review: check-ins and alignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How aligned is the plan? The alignment index is computed from the plan&apos;s own evidence, not from what anyone says; beside it, what the leaders say, and the gap between the two.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alignment index — the plan&apos;s evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alignment index score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Components of the alignment index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What leaders say</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each leader answers: “How aligned are Sales and Marketing on this plan?” from 1 (not at all) to 5 (fully).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alignment survey: each leader&apos;s rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment on the rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this rating? (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recor&amp;d rating</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignoffPage</name>
    <message>
        <source>Sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the agreed plan as a version, then each leader signs it with their initials. A fingerprint of the frozen content shows any later edit. A signed plan stays read-only until someone re-opens it, saying why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What just happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override &amp;reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only when some objective is not bought in: why freeze anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen &amp;by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name, as facilitator (remembered on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Freeze version 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signatures of this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign on beh&amp;alf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone signs for this leader: say who and why; both are recorded and printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With&amp;draw signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed b&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed on behalf by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who signs (initials above: theirs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reaso&amp;n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why someone signs on the leader&apos;s behalf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: why the leader does not sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-open for edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signed version stays in the record; re-opening makes the plan editable again. Freeze a new version to sign it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-opened by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who re-opens the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W&amp;hy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the plan is re-opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: what must change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Re-open for edits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen versions, newest first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StarterDialog</name>
    <message>
        <source>Start the New Plan — Offsite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from a blank plan, or from a template that fills in the teams, the customer journey, a hand-off for each lead source, the definitions, who decides what, and the joint practices. Nothing is agreed yet: the leaders change what they need and agree to each line in the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SwitchTab</name>
    <message>
        <source>Each team plays the other: the players present the other team&apos;s goals and plan as they see them, then the real team gives its own. Compare the two versions and write what each team had not seen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Pairs&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team switch pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;New pair&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Player team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team that prepares and presents the other team&apos;s goals and plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Played team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team whose goals and plan the players present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pair the two teams chosen above: the first plays the second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected pair with its items and notes (Delete in the list; Ctrl+Z brings it back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preparation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparation time box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the players prepare their presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre&amp;sentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presentation time box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the players present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a goal to the selected side (Alt+G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add p&amp;lan step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a plan step to the selected side (Alt+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected item (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make &amp;candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the selected item to the played team&apos;s candidates (Ctrl+Shift+K)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkBackTab</name>
    <message>
        <source>Start from a company goal and work backwards: the team goals that add up to it, and the reverse funnel — the deals, opportunities, SQLs, MQLs and leads each quarter needs. Any goal or figure can become a candidate for its team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company &amp;goal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company goal to work back from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Team goals&lt;/b&gt; — what each team commits to for the company goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team goals worked back from the company goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New team goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a team goal right under the company goal (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work &amp;back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a goal under the selected one: what it takes to reach it (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected goal and the goals under it (Delete; Ctrl+Z puts them back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make &amp;candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the selected goal to the candidate pool for its team (Ctrl+Shift+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Reverse funnel&lt;/b&gt; — from the revenue to close back to the leads it takes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue to clo&amp;se</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue to close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 10,000,000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average &amp;deal size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average deal size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 40,000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W&amp;in rate, %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of 100 opportunities, how many close as deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Win rate, percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL → opp&amp;ortunity, %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of 100 SQLs, how many become opportunities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL to opportunity rate, percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;QL → SQL, %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of 100 MQLs, how many become SQLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MQL to SQL rate, percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lead → MQL, %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of 100 leads, how many become MQLs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead to MQL rate, percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q&amp;uarters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarters, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Separated by commas, e.g. Q1 2027, Q2 2027, Q3 2027, Q4 2027</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evenl&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By &amp;weights:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarter weights, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one per quarter, e.g. 20, 25, 25, 30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse funnel per quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for tea&amp;m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team the figure becomes a candidate for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;ake candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the selected figure to the candidate pool for the chosen team (Ctrl+Shift+K)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
