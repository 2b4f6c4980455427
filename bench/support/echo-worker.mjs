// A worker that returns what it is given: the pool benchmark measures a library's own cost with it.
export default function echo(message) {
  return message;
}
