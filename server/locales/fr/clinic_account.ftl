# The account page's exercises, from the patient's treatment plans.
# Numbers arrive already formatted for the language.
account-exercises = Mes exercices
account-exercises-intro = Tirés de votre plan de traitement. Demandez à votre thérapeute si quelque chose n’est pas clair.
account-no-exercises = Votre plan de traitement ne comporte aucun exercice pour le moment.
account-exercise-sets = Séries : { $count }
account-exercise-repetitions = Répétitions : { $count }
