# The account page's exercises, from the patient's treatment plans.
# Numbers arrive already formatted for the language.
account-exercises = تمرین‌های من
account-exercises-intro = از برنامهٔ درمان شما. اگر چیزی روشن نیست، از درمانگر خود بپرسید.
account-no-exercises = برنامهٔ درمان شما فعلاً تمرینی ندارد.
account-exercise-sets = ست‌ها: { $count }
account-exercise-repetitions = تکرارها: { $count }
