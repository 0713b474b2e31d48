# The account page's exercises, from the patient's treatment plans.
# Numbers arrive already formatted for the language.
account-exercises = My exercises
account-exercises-intro = From your treatment plan. Ask your therapist if anything is unclear.
account-no-exercises = Your treatment plan has no exercises for now.
account-exercise-sets = Sets: { $count }
account-exercise-repetitions = Repetitions: { $count }
