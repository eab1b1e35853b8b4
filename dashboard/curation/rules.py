"""What counts as a figure mention, decided once here so that coverage always counts the same things; the words
and patterns of each language are in dashboard/evidence/languages/ (en.py, ru.py), which mentions.py applies.

- Only article text is read. A whole line is page furniture, and skipped, when it is a share button, a comment
  prompt, a sponsor or advert line, a related-post link, an image artefact, a byline, only a date, has no letter
  at all, is a header fragment, is a masthead (capitals and no digit), or is a photo caption
  ("Share", "Post a Comment", "See also: …"; «Поделиться», «Читайте также: …», «Реклама», «18+», «Фото: …»).
- percent: a number or range followed by the language's percent or point words ("16.1 percent", «17,00%»,
  «0,25 п.п.», «100 базисных пунктов»).
- money: a currency sign before a number ("$300 billion"), or a number with an optional scale before a currency
  word ("10 trillion rubles", «5,6 трлн руб.»).
- count: a number in digits followed by a unit noun ("160,000 conscripts", «160 000 человек»); a word number
  from two up before a plural noun ("four Ukrainian regions"); or any number before a scale word.
- multiplier / share: "doubled", "twice as", "N times as", "half of", "a third" (English); «вдвое», «в 2,5 раза»,
  «в полтора раза», «половина», «треть», «две трети» (Russian).
- finding: a finance term and a change or magnitude word in one clause with at most three words between them
  ("record losses", «дефицит бюджета растет», «на минимальном … уровне»), in a clause (text between commas,
  dashes, colons, semicolons and brackets) that states no number: a number's clause is its number's.
- Not figure mentions: years (1800–2100 written without a separator), dates ("May 9", «19 января»), times and
  durations, ages, ordinals ("80th", «3-й»), bare numbers with no unit, and a language's stray word numbers.
- Typography: the language's number syntax (evidence/languages: "1,000" and "16.1" in English; «5,6» and
  «160 000» in Russian), ranges with a hyphen, en or em dash or the language's range words ("10–15 percent",
  «от 3 до 4%»; the value is the upper end). A hedge right before the number is part of the mention and gives
  its qualifier; the language's decline words before it make it a decline (a negative value, as indicators.yaml
  writes declines).
"""
