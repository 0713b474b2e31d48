# رسائل المواقع باللغة العربية.

lang-name-en = English
lang-name-fr = Français
lang-name-ar = العربية
skip-to-content = انتقل إلى المحتوى
nav-languages = اللغة
price = { $amount } { $currency }
duration-minutes = { $minutes } دقيقة
home-link = الرئيسية

home-services = الخدمات
home-other-services = خدمات أخرى
home-no-services = لا يمكن حجز أي خدمة عبر الإنترنت بعد.
home-book = احجز
home-contact = التواصل
home-phone = الهاتف
home-email = البريد الإلكتروني

book-title = حجز: { $service }
book-staff-label = مع
book-staff-anyone = أي شخص متاح
book-staff-show = اعرض المواعيد
book-dates = اختر يومًا
book-day-full = محجوز
book-earlier = أيام سابقة
book-later = أيام لاحقة
book-times = المواعيد المتاحة يوم { $date }
book-zone = المواعيد بتوقيت { $zone }.
book-no-times = لا توجد مواعيد متاحة في هذا اليوم. يرجى اختيار يوم آخر.
book-slot-taken = عذرًا، حجز شخص آخر هذا الموعد للتو. هذه هي المواعيد التي ما زالت متاحة.
book-form-title = بياناتك
book-chosen = { $date } الساعة { $time }
book-change-time = اختر موعدًا آخر
book-errors-intro = يرجى مراجعة الحقول المشار إليها أدناه.
book-too-many = لديك بالفعل أكبر عدد من الحجوزات القادمة المسموح به لشخص واحد عبر الإنترنت هنا. ألغِ أحدها أو تواصل مع المنشأة.
book-rate-limited = حجوزات كثيرة جدًا من هنا الآن. يرجى المحاولة بعد بضع دقائق.
book-submit = أكّد الحجز

field-name = الاسم
field-email = البريد الإلكتروني
field-phone = الهاتف (اختياري)
field-phone-hint = مع رمز الدولة، مثل ‎+971 50 123 4567.
field-notes = ملاحظات (اختياري)
field-marketing = أرسلوا لي أخبار { $business } وعروضها
field-reason = السبب (اختياري)
error-field-name = أدخل اسمك.
error-field-email = أدخل عنوان بريد إلكتروني صالحًا.
error-field-phone = أدخل رقم الهاتف مع رمز الدولة، مثل ‎+971 50 123 4567.
error-field-notes = يجب ألا تتجاوز الملاحظات 2000 حرف.
error-field-reason = يجب ألا يتجاوز السبب 500 حرف.

confirm-title = تم تأكيد حجزك
confirm-mail-sent = أرسلنا التفاصيل إلى بريدك الإلكتروني.
confirm-requested-title = تحقق من بريدك الإلكتروني
confirm-requested-text = أرسلنا إليك رسالة. افتح الرابط الذي فيها لتأكيد الحجز؛ ولن يُحجز الموعد لك قبل ذلك.
confirm-ics = أضف إلى التقويم
confirm-manage = اعرض هذا الحجز أو ألغه
confirm-manage-hint = احتفظ بهذا الرابط: يتيح لك عرض الحجز أو إلغاءه.
detail-service = الخدمة
detail-with = مع
detail-date = التاريخ
detail-time = الوقت
detail-status = الحالة
detail-time-range = من { $start } إلى { $end }

status-awaiting_confirmation = بانتظار تأكيدك عبر البريد الإلكتروني
status-pending = قيد الانتظار
status-confirmed = مؤكد
status-cancelled = ملغى
status-completed = مكتمل
status-no_show = لم يحضر

manage-title = حجزك
manage-cancel-title = إلغاء هذا الحجز
manage-cancel-until = يمكنك الإلغاء عبر الإنترنت حتى { $deadline }.
manage-cancel-submit = ألغِ الحجز
manage-cancelled = تم إلغاء حجزك. أرسلنا إليك رسالة بالبريد الإلكتروني.
manage-cannot-change = لم يعد من الممكن تعديل هذا الحجز عبر الإنترنت. يرجى التواصل مع المنشأة.
manage-book-again = احجز مرة أخرى

error-home = العودة إلى الصفحة الرئيسية
error-not-found-title = الصفحة غير موجودة
error-not-found-text = لا يوجد شيء على هذا العنوان. تحقق من الرابط أو ابدأ من الصفحة الرئيسية.
error-forbidden-title = غير مسموح
error-forbidden-text = رُفض هذا الطلب. إذا كنت ترسل نموذجًا، فأعد تحميل الصفحة وحاول مرة أخرى.
error-conflict-title = لم ينجح ذلك
error-conflict-text = تغيّر شيء في هذه الأثناء. أعد تحميل الصفحة وحاول مرة أخرى.
error-busy-title = طلبات كثيرة جدًا
error-busy-text = يرجى الانتظار بضع دقائق ثم المحاولة مرة أخرى.
error-bad-request-title = هناك خطأ في هذا الطلب
error-bad-request-text = تحقق من الرابط أو النموذج وحاول مرة أخرى.
error-server-title = حدث خطأ ما
error-server-text = عذرًا، تعذّر تنفيذ ذلك الآن. يرجى المحاولة بعد قليل.

platform-title = الحجز عبر الإنترنت للعيادات والصالونات والمتاجر
platform-text = لكل منشأة على { $platform } موقع حجز خاص بها وعلى عنوانها الخاص، بالعربية والإنجليزية والفرنسية. يختار العملاء الخدمة والموعد، ويصلهم التأكيد بالبريد الإلكتروني.
platform-find = للحجز، افتح موقع المنشأة التي تريد زيارتها.
