# The tenant sites' messages, English (the fallback for the others).
# Numbers, dates and times arrive already formatted for the language.

lang-name-en = English
lang-name-fr = Français
lang-name-ar = العربية
skip-to-content = Skip to content
nav-languages = Language
price = { $amount } { $currency }
duration-minutes = { $minutes } min
home-link = Home

home-services = Services
home-other-services = Other services
home-no-services = Nothing can be booked online yet.
home-book = Book
home-contact = Contact
home-phone = Phone
home-email = Email

book-title = Book { $service }
book-staff-label = With
book-staff-anyone = Anyone available
book-staff-show = Show times
book-dates = Choose a day
book-day-full = Full
book-earlier = Earlier days
book-later = Later days
book-times = Free times on { $date }
book-zone = Times are in the { $zone } time zone.
book-no-times = There is no free time on this day. Please choose another day.
book-slot-taken = Sorry, someone has just booked that time. Here are the times still free.
book-form-title = Your details
book-chosen = { $date } at { $time }
book-change-time = Choose another time
book-errors-intro = Please check the fields marked below.
book-too-many = You already hold as many upcoming bookings here as one person may book online. Cancel one, or contact the business.
book-rate-limited = Too many bookings from here just now. Please try again in a few minutes.
book-submit = Confirm the booking

field-name = Name
field-email = Email
field-phone = Phone (optional)
field-phone-hint = With the country code, such as +44 20 7946 0958.
field-notes = Notes (optional)
field-marketing = Send me news and offers from { $business }
field-reason = Reason (optional)
error-field-name = Enter your name.
error-field-email = Enter a valid email address.
error-field-phone = Enter the phone number with its country code, such as +44 20 7946 0958.
error-field-notes = Notes can be up to 2000 characters long.
error-field-reason = The reason can be up to 500 characters long.

confirm-title = Your booking is confirmed
confirm-mail-sent = We have sent the details to your email.
confirm-requested-title = Check your email
confirm-requested-text = We have sent you an email. Open its link to confirm the booking; until then the time is not held for you.
confirm-ics = Add to calendar
confirm-manage = See or cancel this booking
confirm-manage-hint = Keep this link: it lets you see or cancel the booking.
detail-service = Service
detail-with = With
detail-date = Date
detail-time = Time
detail-status = Status
detail-time-range = { $start } to { $end }

status-awaiting_confirmation = Waiting for your email confirmation
status-pending = Pending
status-confirmed = Confirmed
status-cancelled = Cancelled
status-completed = Completed
status-no_show = Missed

manage-title = Your booking
manage-cancel-title = Cancel this booking
manage-cancel-until = You can cancel online until { $deadline }.
manage-cancel-submit = Cancel the booking
manage-cancelled = Your booking is cancelled. We have sent you an email.
manage-cannot-change = This booking can no longer be changed online. Please contact the business.
manage-book-again = Book again

error-home = Back to the home page
error-not-found-title = Page not found
error-not-found-text = There is nothing at this address. Check the link, or start again from the home page.
error-forbidden-title = Not allowed
error-forbidden-text = This request was refused. If you sent a form, reload the page and try again.
error-conflict-title = That did not work
error-conflict-text = Things changed in the meantime. Reload the page and try again.
error-busy-title = Too many requests
error-busy-text = Please wait a few minutes and try again.
error-bad-request-title = Something is wrong with this request
error-bad-request-text = Check the link or the form, and try again.
error-server-title = Something went wrong
error-server-text = Sorry, we could not do this just now. Please try again in a moment.

platform-title = Online booking for clinics, salons and shops
platform-text = Every business on { $platform } has its own booking site, on its own address, in English, French and Arabic. Customers choose a service and a time, and get their confirmation by email.
platform-find = To book, open the site of the business you want to visit.
