//! Name resolution that checks what it found. ureq connects to exactly the
//! addresses its resolver returns, so checking them here pins the
//! connection to checked addresses: there is no second lookup a hostile DNS
//! server could answer differently (DNS rebinding). TLS still verifies the
//! certificate against the URL's host name, which ureq keeps.

use std::io;

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

use super::addresses::{AddressPolicy, Refused};

#[derive(Debug, Default)]
pub(super) struct GuardedResolver {
    policy: AddressPolicy,
    inner: DefaultResolver,
}

impl GuardedResolver {
    pub(super) fn new(policy: AddressPolicy) -> Self {
        GuardedResolver {
            policy,
            inner: DefaultResolver::default(),
        }
    }
}

impl Resolver for GuardedResolver {
    /// Keeps the addresses the policy accepts, so a name with a public and
    /// a private address is reached on the public one only; refuses the
    /// name when none is left. The refusal travels inside an io::Error
    /// (ureq's error type is closed) and is recognised by `Refused`.
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let found = self.inner.resolve(uri, config, timeout)?;
        let mut kept = self.empty();
        let mut first_refusal = None;
        for addr in found.iter() {
            match self.policy.check(addr.ip()) {
                // `found` holds at most as many as `kept` can.
                Ok(()) => {
                    if kept.try_push(*addr).is_err() {
                        break;
                    }
                }
                Err(refused) => {
                    first_refusal.get_or_insert(refused);
                }
            }
        }
        match first_refusal {
            Some(refused) if kept.is_empty() => Err(ureq::Error::Io(io::Error::new(
                io::ErrorKind::PermissionDenied,
                refused,
            ))),
            _ => Ok(kept),
        }
    }
}

/// The policy's refusal inside an error from ureq, if that is what it is.
pub(super) fn refusal_in(error: &ureq::Error) -> Option<&Refused> {
    match error {
        ureq::Error::Io(e) => e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<Refused>()),
        _ => None,
    }
}
