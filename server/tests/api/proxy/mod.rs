//! The nginx reverse proxy in front of the server.

mod nginx;
