# The account page's exercises, from the patient's treatment plans.
# Numbers arrive already formatted for the language.
account-exercises = تماريني
account-exercises-intro = من خطة علاجك. اسأل معالجك إن كان هناك ما هو غير واضح.
account-no-exercises = لا تتضمن خطة علاجك أي تمارين حاليًا.
account-exercise-sets = المجموعات: { $count }
account-exercise-repetitions = التكرارات: { $count }
