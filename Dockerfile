# brandcamp in a container: `docker build -t brandcamp .`, then, in a course
# folder, `docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/course" brandcamp build`.
# See docs/install.md. Not built by the test run (no Docker engine there);
# scripts/test.sh lints it with hadolint.

# Build stage: the release binary, with the versions of Cargo.lock, without
# its line tables (a smaller image).
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
ENV CARGO_PROFILE_RELEASE_STRIP=symbols
RUN cargo build --release --locked

# Final image: the binary and the C runtime it links to (glibc, libgcc),
# no shell, no package manager.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /src/target/release/brandcamp /usr/local/bin/brandcamp
WORKDIR /course
ENTRYPOINT ["/usr/local/bin/brandcamp"]
CMD ["build", "."]
