//! A plain future resolved by a loop callback (call_later), with a done callback.

use taskline::{PlainFuture, Result, call_later, coroutine, print, repr};

coroutine! {
    async fn main() -> Result<()> {
        let fut: PlainFuture<String> = PlainFuture::named("fut").expect("a running loop");
        fut.add_done_callback("announce()", |f| {
            print(format!("done callback: the future holds {}", repr(&f.result()?)));
            Ok(())
        });
        let f = fut.clone();
        let handle = call_later(2.0, "deliver()", move || {
            let value = "the parcel".to_owned();
            print(format!("callback: delivering {}", repr(&value)));
            f.set_result(value)
        })
        .expect("a running loop");
        print(format!("waiting; done() is {}", if fut.done() { "True" } else { "False" }));
        let value = fut.wait().await?;
        print(format!(
            "main got {}; handle cancelled: {}",
            repr(&value),
            if handle.cancelled() { "True" } else { "False" }
        ));
        Ok(())
    }
}

/// The listing this twin reproduces.
pub const ID: &str = "59_future_set_by_callback";

/// Runs the twin on `rt`.
pub fn run(rt: taskline::Runtime) -> taskline::trace::Log {
    rt.run(main()).log
}
