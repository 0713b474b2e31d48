# لوحة الإدارة: قائمتها وما تشترك فيه نماذجها.
admin-nav-label = لوحة الإدارة
admin-nav-calendar = التقويم
admin-nav-services = الخدمات
admin-nav-staff = الفريق
admin-nav-customers = العملاء
admin-nav-settings = الإعدادات
admin-nav-branding = المظهر
admin-nav-webhooks = الخطافات الشبكية
admin-save = حفظ
admin-saved = تم الحفظ.
admin-delete = حذف
admin-edit = تعديل
admin-add = إضافة
field-error-general = تحقق من هذه القيمة.
problem-general = تم الرفض: { $detail }
