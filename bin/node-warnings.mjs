// The AWS SDK warns on every run that its 2027 releases will need Node 22: the Lambdas run on
// nodejs22.x already, and the tools here work on Node 20; keep stderr for their own messages.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  // The SDK emits it as a plain Warning whose text starts with the name.
  const text = `${warning.name}: ${warning.message}`;
  if (!text.includes('NodeVersionSupportWarning')) console.warn(text);
});
