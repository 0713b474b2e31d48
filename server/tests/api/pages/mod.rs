//! The tenant sites' pages: in a real Chromium through chromedriver
//! (browser), and over plain HTTP where headers are what matters.

mod admin;
mod admin_shop;
mod admin_shop_browser;
mod admin_shop_catalog;
mod admin_shop_orders;
mod admin_shop_products;
mod back_office;
mod billing;
mod branding;
mod browser;
mod clinic_account;
mod clinic_browser;
mod clinic_chart_forms;
mod clinic_documents;
mod clinic_pages;
mod clinic_reports;
mod csrf;
mod customers;
mod flow;
mod headers;
mod languages;
mod race;
mod reschedule;
mod screenshots;
mod services;
mod sessions;
mod settings;
mod shop;
mod shop_browser;
mod shop_cart;
mod shop_checkout;
mod shop_order;
mod signup;
mod staff;
mod week;
